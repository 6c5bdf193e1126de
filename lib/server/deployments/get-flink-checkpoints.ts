import "server-only";
import { FlinkRestClient, type FlinkCheckpoint } from "@/engine/runners/flink/flink-rest-client";
import type { CheckpointsResponse, CheckpointView } from "@/lib/schemas/deployments";
import { notFound } from "../api/api-error";
import { getDb } from "../db/prisma";
import { flinkRestUrl } from "../flink/flink-rest-url";

const noCounts = { completed: 0, failed: 0, inProgress: 0, restored: 0 };

function toView(checkpoint: FlinkCheckpoint): CheckpointView {
  return {
    id: checkpoint.id,
    status: checkpoint.status,
    savepoint: checkpoint.is_savepoint,
    triggeredAt: checkpoint.trigger_timestamp,
    durationMs: checkpoint.end_to_end_duration ?? null,
    sizeBytes: checkpoint.checkpointed_size ?? checkpoint.state_size ?? null,
    failureMessage: checkpoint.failure_message ?? null,
  };
}

/**
 * The checkpoints of the pipeline's current Flink job (counts, the last
 * completed one, recent failures) from the JobManager, and the savepoints its
 * Flink deployments were stopped with, which a deploy can restore. A job the
 * cluster no longer knows (or a cluster that does not answer) gives empty
 * checkpoint figures; the savepoints come from the database either way.
 */
export async function getFlinkCheckpoints(pipelineId: string): Promise<CheckpointsResponse> {
  const db = await getDb();
  if (!(await db.pipeline.findUnique({ where: { id: pipelineId }, select: { id: true } }))) throw notFound(`Pipeline '${pipelineId}'`);
  const rows = await db.deployment.findMany({ where: { pipelineId, runtime: "flink", savepointPath: { not: null } }, orderBy: { createdAt: "desc" }, take: 20 });
  const savepoints = rows.map((row) => ({ deploymentId: row.id, version: row.version, path: row.savepointPath!, at: (row.stoppedAt ?? row.updatedAt).toISOString(), parallelism: row.parallelism, generation: row.generation }));
  const latest = await db.deployment.findFirst({ where: { pipelineId }, orderBy: { createdAt: "desc" } });
  if (!latest || latest.runtime !== "flink") return { deployment: null, counts: noCounts, latest: null, failures: [], savepoints };

  const deployment = { id: latest.id, jobId: latest.flinkJobId, parallelism: latest.parallelism, checkpointIntervalMs: latest.checkpointIntervalMs };
  const stats = latest.flinkJobId ? await new FlinkRestClient(flinkRestUrl().url, 5_000).checkpoints(latest.flinkJobId).catch(() => null) : null;
  if (!stats) return { deployment, counts: noCounts, latest: null, failures: [], savepoints };
  return {
    deployment,
    counts: { completed: stats.counts.completed, failed: stats.counts.failed, inProgress: stats.counts.in_progress, restored: stats.counts.restored },
    latest: stats.latest.completed ? toView(stats.latest.completed) : null,
    failures: stats.history.filter((c) => c.status === "FAILED").slice(0, 5).map(toView),
    savepoints,
  };
}
