import "server-only";
import { operatorOf, type ValidPipeline } from "@/engine/graph";
import type { DeployPipelineBody } from "@/lib/schemas/deployments";
import { ApiError } from "../api/api-error";
import type { Db } from "../db/prisma";
import { flinkSlots } from "../flink/flink-slots";
import { withTopicKafka } from "../topics/topic-kafka";

/** What a Flink deployment runs with. */
export type FlinkSettings = { parallelism: number; maxParallelism: number; checkpointIntervalMs: number; restoreSavepoint: string | null };

/** Key groups when neither the deploy nor an earlier deployment names them: Flink's own default for parallelism up to 85. */
export const defaultMaxParallelism = 128;
export const defaultCheckpointIntervalMs = 5_000;

/**
 * Works out a Flink deployment's parallelism, max parallelism, checkpoint
 * interval and restore point. Parallelism: the deploy's, else the previous
 * Flink deployment's when it still fits, else the source topics'
 * largest partition count (more subtasks than partitions would idle), capped
 * by the slots the cluster has free; the slots of the pipeline's own running
 * job count as free, since it stops before the new one starts. A parallelism
 * the cluster cannot fit is refused with 422 naming the numbers. Max
 * parallelism and the interval carry over from the pipeline's last Flink
 * deployment: keyed state in a savepoint can only be restored with the same
 * max parallelism.
 */
export async function resolveFlinkSettings(db: Db, pipelineId: string, document: ValidPipeline, body: DeployPipelineBody): Promise<FlinkSettings> {
  const previous = await db.deployment.findFirst({ where: { pipelineId, runtime: "flink" }, orderBy: { createdAt: "desc" } });
  const ownSlots = previous && previous.desiredState === "running" && ["starting", "running", "degraded"].includes(previous.status) ? (previous.parallelism ?? 1) : 0;
  const slots = await flinkSlots();
  const available = slots.free + ownSlots;

  const maxParallelism = body.maxParallelism ?? (body.reset ? undefined : previous?.maxParallelism) ?? defaultMaxParallelism;
  // A redeploy keeps the parallelism the pipeline ran with (a rescale stays), when it still fits.
  const kept = !body.reset && previous?.parallelism && previous.parallelism <= available ? previous.parallelism : undefined;
  let parallelism = body.parallelism ?? kept;
  if (parallelism === undefined) {
    parallelism = Math.max(1, Math.min(await largestPartitionCount(document), available, maxParallelism));
  } else if (parallelism > available) {
    const own = ownSlots > 0 ? `, ${ownSlots} of them held by this pipeline's running job` : "";
    throw new ApiError(
      422,
      "invalid_request",
      `Parallelism ${parallelism} needs ${parallelism} task slots, but the Flink cluster has ${available} free (${slots.total} in all${own}); choose at most ${available}, or add TaskManagers`,
    );
  }
  if (parallelism > maxParallelism) {
    throw new ApiError(422, "invalid_request", `Parallelism ${parallelism} is above the max parallelism ${maxParallelism}; raise maxParallelism (only with a reset: a savepoint restores only with the max parallelism it was taken with)`);
  }

  let restoreSavepoint: string | null = null;
  if (body.restoreSavepoint !== undefined) {
    // Only a savepoint this pipeline's own jobs wrote: the path goes to the JobManager, which reads any file it can.
    const owner = await db.deployment.findFirst({ where: { pipelineId, savepointPath: body.restoreSavepoint } });
    if (!owner) throw new ApiError(422, "invalid_request", `restoreSavepoint '${body.restoreSavepoint}' is not a savepoint of this pipeline (see GET /api/pipelines/${pipelineId}/checkpoints)`);
    if (body.reset) throw new ApiError(422, "invalid_request", "restoreSavepoint and reset exclude each other: a reset starts with empty state");
    restoreSavepoint = owner.savepointPath;
  }

  return { parallelism, maxParallelism, checkpointIntervalMs: body.checkpointIntervalMs ?? previous?.checkpointIntervalMs ?? defaultCheckpointIntervalMs, restoreSavepoint };
}

/** The largest partition count of the pipeline's source topics on the server's own cluster; 1 when none can be read. */
async function largestPartitionCount(document: ValidPipeline): Promise<number> {
  const topics = new Set<string>();
  for (const node of document.nodes) {
    if (node.disabled) continue;
    const operator = operatorOf(node.type);
    const endpoint = operator.category === "source" ? operator.endpoint?.(node.data) : undefined;
    if (endpoint && !endpoint.connection) topics.add(endpoint.topic);
  }
  if (topics.size === 0) return 1;
  try {
    const metadata = await withTopicKafka(undefined, ({ admin }) => admin.fetchTopicMetadata({ topics: [...topics] }));
    return Math.max(1, ...metadata.topics.map((topic) => topic.partitions.length));
  } catch {
    // A source topic that does not exist yet: the job starts with one subtask; rescale later.
    return 1;
  }
}
