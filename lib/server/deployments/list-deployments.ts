import "server-only";
import type { DeploymentLogResponse } from "@/lib/schemas/deployments";
import { notFound } from "../api/api-error";
import { getDb } from "../db/prisma";

/** Something that happened to a deployment, for `streamline logs` and the history. */
export type DeploymentLogEntry = DeploymentLogResponse["events"][number];

/**
 * The pipeline's deployment events, oldest first: each deployment's deploy
 * (version, runtime, replay), start, stop and failure as the database
 * records them, and its current status when it still runs.
 */
export async function listDeploymentLog(pipelineId: string, limit = 50): Promise<DeploymentLogEntry[]> {
  const db = await getDb();
  const pipeline = await db.pipeline.findUnique({ where: { id: pipelineId }, select: { id: true } });
  if (!pipeline) throw notFound(`Pipeline '${pipelineId}'`);
  const rows = await db.deployment.findMany({ where: { pipelineId }, orderBy: { createdAt: "desc" }, take: Math.min(Math.max(limit, 1), 200) });
  const entries: DeploymentLogEntry[] = [];
  for (const row of rows.reverse()) {
    const base = { deploymentId: row.id, version: row.version };
    const replay = row.startAt ? `, sources from ${JSON.parse(row.startAt).from}` : "";
    entries.push({ ...base, at: row.createdAt.toISOString(), event: "deployed", message: `v${row.version} deployed on ${row.runtime} (${row.guarantee}, generation ${row.generation}${replay})` });
    if (row.startedAt) entries.push({ ...base, at: row.startedAt.toISOString(), event: "started", message: `v${row.version} started` });
    if (row.status === "failed") entries.push({ ...base, at: (row.heartbeatAt ?? row.updatedAt).toISOString(), event: "failed", message: `v${row.version} failed: ${row.error ?? "no reason recorded"}` });
    else if (row.stoppedAt) entries.push({ ...base, at: row.stoppedAt.toISOString(), event: "stopped", message: `v${row.version} stopped${row.error ? `: ${row.error}` : ""}` });
    else if (row.desiredState === "running") entries.push({ ...base, at: (row.heartbeatAt ?? row.updatedAt).toISOString(), event: "status", message: `v${row.version} is ${row.status}${row.error ? `: ${row.error}` : ""}` });
  }
  return entries.sort((a, b) => a.at.localeCompare(b.at));
}
