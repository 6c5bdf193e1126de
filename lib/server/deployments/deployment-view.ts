import "server-only";
import type { DeploymentView } from "@/lib/schemas/deployments";

/** How long without a heartbeat before a running deployment is reported as not responding. */
export const heartbeatStaleMs = 5_000;

export type { DeploymentView };

type DeploymentRow = {
  id: string;
  version: number;
  runtime: string;
  guarantee: string;
  desiredState: string;
  status: string;
  error: string | null;
  deadLetterTopic: string;
  generation: number;
  heartbeatAt: Date | null;
  startedAt: Date | null;
  stoppedAt: Date | null;
  createdAt: Date;
  stats: string | null;
  flinkJobId?: string | null;
  savepointPath?: string | null;
};

/** Shapes a deployment row for the API, judging whether its engine is still alive. */
export function toDeploymentView(row: DeploymentRow, now = Date.now()): DeploymentView {
  const live = ["starting", "running", "degraded", "stopping"].includes(row.status);
  const lastSign = row.heartbeatAt?.getTime() ?? row.createdAt.getTime();
  const unresponsive = live && now - lastSign > heartbeatStaleMs * (row.heartbeatAt ? 1 : 3);
  return {
    id: row.id,
    version: row.version,
    runtime: row.runtime,
    guarantee: row.guarantee,
    desiredState: row.desiredState,
    status: unresponsive ? "unresponsive" : row.status,
    error: unresponsive
      ? row.heartbeatAt
        ? `The engine has not reported since ${row.heartbeatAt.toISOString()}; is it running (npm run engine)?`
        : "No engine has picked up this deployment yet; is the engine running (npm run engine)?"
      : row.error,
    deadLetterTopic: row.deadLetterTopic,
    generation: row.generation,
    heartbeatAt: row.heartbeatAt?.toISOString() ?? null,
    startedAt: row.startedAt?.toISOString() ?? null,
    stoppedAt: row.stoppedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    stats: row.stats ? (JSON.parse(row.stats) as Record<string, unknown>) : null,
    flink: row.runtime === "flink" ? { jobId: row.flinkJobId ?? null, savepointPath: row.savepointPath ?? null } : null,
  };
}
