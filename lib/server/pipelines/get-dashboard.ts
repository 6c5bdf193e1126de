import "server-only";
import { categoryOf } from "@/engine/graph";
import { getDb } from "../db/prisma";
import type { DashboardLive, DashboardRow } from "@/lib/schemas/dashboard";
import { toDeploymentView } from "../deployments/deployment-view";
import { getTelemetryHub, type LivePoint } from "../telemetry/telemetry-hub";
import { listPipelines } from "./list-pipelines";

export type { DashboardLive, DashboardRow };

/** Every pipeline with its current deployment and live numbers: the dashboard's one request. */
export async function getDashboard(): Promise<DashboardRow[]> {
  const db = await getDb();
  const pipelines = await listPipelines();
  const deployments = await db.deployment.findMany({ orderBy: { createdAt: "desc" } });
  const current = new Map<string, (typeof deployments)[number]>();
  for (const deployment of deployments) if (!current.has(deployment.pipelineId)) current.set(deployment.pipelineId, deployment);
  const hub = getTelemetryHub();

  const rows: DashboardRow[] = [];
  for (const pipeline of pipelines) {
    const deployment = current.get(pipeline.id);
    const history = deployment ? hub.historyOf(pipeline.id).filter((point) => point.deploymentId === deployment.id) : [];
    const latest = history.at(-1);
    let live: DashboardLive | null = null;
    if (deployment && latest) {
      const version = await db.pipelineVersion.findUnique({ where: { pipelineId_version: { pipelineId: pipeline.id, version: deployment.version } }, select: { graph: true } });
      const nodes = (JSON.parse(version?.graph ?? '{"nodes":[]}') as { nodes: { id: string; type: string }[] }).nodes;
      const sources = nodes.filter((node) => categoryOf(node.type) === "source").map((node) => node.id);
      const sinks = nodes.filter((node) => categoryOf(node.type) === "sink").map((node) => node.id);
      const sum = (point: LivePoint, ids: string[], field: "rateIn" | "rateIn1m" | "rateOut") => ids.reduce((total, id) => total + (point.nodes[id]?.[field] ?? 0), 0);
      live = {
        at: latest.at,
        rateIn: sum(latest, sources, "rateIn"),
        rateIn1m: sum(latest, sources, "rateIn1m"),
        rateOut: sum(latest, sinks, "rateOut"),
        errors: Object.values(latest.nodes).reduce((total, node) => total + node.errors, 0),
        lag: latest.totalLag,
        sparkline: history.slice(-300).map((point) => sum(point, sources, "rateIn")),
      };
    }
    rows.push({ ...pipeline, deployment: deployment ? toDeploymentView(deployment) : null, live });
  }
  return rows;
}
