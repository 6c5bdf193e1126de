import "server-only";
import type { DeploymentView } from "@/lib/schemas/deployments";

import { displayStatus } from "@/engine/deployments/deployment-state";

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
  parallelism?: number | null;
  maxParallelism?: number | null;
  checkpointIntervalMs?: number | null;
};

/** Shapes a deployment row for the API, judging whether its engine is still alive. */
export function toDeploymentView(row: DeploymentRow, now = Date.now()): DeploymentView {
  const shown = displayStatus(row, now);
  return {
    id: row.id,
    version: row.version,
    runtime: row.runtime,
    guarantee: row.guarantee,
    desiredState: row.desiredState,
    status: shown.status,
    error: shown.error,
    deadLetterTopic: row.deadLetterTopic,
    generation: row.generation,
    heartbeatAt: row.heartbeatAt?.toISOString() ?? null,
    startedAt: row.startedAt?.toISOString() ?? null,
    stoppedAt: row.stoppedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    stats: row.stats ? (JSON.parse(row.stats) as Record<string, unknown>) : null,
    flink:
      row.runtime === "flink"
        ? { jobId: row.flinkJobId ?? null, savepointPath: row.savepointPath ?? null, parallelism: row.parallelism ?? null, maxParallelism: row.maxParallelism ?? null, checkpointIntervalMs: row.checkpointIntervalMs ?? null }
        : null,
  };
}
