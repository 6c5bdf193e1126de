import "server-only";
import { kafkaEndpoints, pipelineConnection, validatePipeline } from "@/engine/graph";
import { deploymentNames } from "@/engine/runners/deployment-names";
import { resolveStartOffsets, type PartitionOffset } from "@/engine/runners/start-position";
import type { ResetOffsetsBody } from "@/lib/schemas/versions";
import { ApiError, notFound } from "../api/api-error";
import { withConnectionClient } from "../connections/with-connection-client";
import { getDb } from "../db/prisma";

/**
 * Moves the committed offsets of a stopped pipeline's consumer group (its
 * last deployment's generation) to a start position; the next deploy
 * continues from there with its state as it is. Refused while the pipeline
 * runs or its engine is still stopping it (409).
 */
export async function resetOffsets(pipelineId: string, body: ResetOffsetsBody): Promise<{ groupId: string; offsets: PartitionOffset[] }> {
  const db = await getDb();
  const pipeline = await db.pipeline.findUnique({ where: { id: pipelineId }, select: { id: true, name: true } });
  if (!pipeline) throw notFound(`Pipeline '${pipelineId}'`);
  const last = await db.deployment.findFirst({ where: { pipelineId }, orderBy: { createdAt: "desc" } });
  if (!last) throw new ApiError(409, "conflict", `Pipeline '${pipeline.name}' was never deployed, so it has no offsets to reset; deploy it with startAt instead`);
  if (last.desiredState === "running" || last.status === "stopping" || last.ownerId) {
    throw new ApiError(409, "conflict", `Pipeline '${pipeline.name}' is running (or still stopping); stop it before resetting its offsets`);
  }
  if (last.runtime !== "embedded") throw new ApiError(422, "invalid_request", "Offsets can be reset for the embedded runtime only; Flink resumes from its savepoint");
  const version = await db.pipelineVersion.findUnique({ where: { pipelineId_version: { pipelineId, version: last.version } } });
  const parsed = version ? validatePipeline(JSON.parse(version.graph)) : null;
  if (!parsed?.ok) throw new ApiError(409, "conflict", `Version ${last.version}, the last deployed, no longer validates; deploy a valid version with startAt instead`);
  const topics = [...new Set(kafkaEndpoints(parsed.document).filter((endpoint) => endpoint.role === "source").map((endpoint) => endpoint.topic))];
  const { groupId } = deploymentNames(pipelineId, last.generation);
  return withConnectionClient(pipelineConnection(parsed.document), async (client) => {
    let offsets: PartitionOffset[];
    try {
      offsets = await resolveStartOffsets(client, topics, body.startAt);
    } catch (error) {
      throw new ApiError(422, "invalid_request", error instanceof Error ? error.message : String(error));
    }
    try {
      await client.setGroupOffsets(groupId, offsets);
    } catch (error) {
      throw new ApiError(409, "conflict", `Kafka refused to move the offsets of group ${groupId}: ${error instanceof Error ? error.message : String(error)}`);
    }
    return { groupId, offsets };
  });
}
