import "server-only";
import { ApiError, notFound } from "../api/api-error";
import { getDb } from "../db/prisma";
import { pipelineConnection, type PipelineDocument } from "@/engine/graph";
import { withConnectionClient } from "../connections/with-connection-client";
import { defaultDeadLetterTopic } from "./deploy-pipeline";
import type { DeadLettersResponse, DeadLetterView } from "@/lib/schemas/deployments";

export type { DeadLetterView };

/** The latest failed records of a pipeline's dead-letter topic, newest first, with their error and origin. */
export async function listDeadLetters(pipelineId: string, limit = 100): Promise<DeadLettersResponse> {
  const db = await getDb();
  const pipeline = await db.pipeline.findUnique({ where: { id: pipelineId } });
  if (!pipeline) throw notFound(`Pipeline '${pipelineId}'`);
  const deployment = await db.deployment.findFirst({ where: { pipelineId }, orderBy: { createdAt: "desc" } });
  const topic = deployment?.deadLetterTopic || defaultDeadLetterTopic(pipeline.name, pipeline.id);
  // Dead letters live on the cluster the deployment wrote to: a stored connection's, or the server's own.
  const version = await db.pipelineVersion.findUnique({ where: { pipelineId_version: { pipelineId, version: deployment?.version ?? pipeline.latestVersion } } });
  const connectionId = version ? pipelineConnection(JSON.parse(version.graph) as PipelineDocument) : undefined;
  if (connectionId && !(await db.kafkaConnection.findUnique({ where: { id: connectionId }, select: { id: true } }))) {
    throw new ApiError(409, "conflict", "The Kafka connection this pipeline used has been deleted, so its dead letters cannot be read");
  }
  const messages = await withConnectionClient(connectionId, (client) => client.readLatest(topic, limit));
  const deadLetters = messages
    .map((m) => ({
      at: m.timestamp,
      code: m.headers["streamline.error.code"] ?? "unknown",
      detail: m.headers["streamline.error.detail"] ?? null,
      message: m.headers["streamline.error.message"] ?? "",
      nodeId: m.headers["streamline.node.id"] ?? "",
      source: { topic: m.headers["streamline.source.topic"] ?? "", partition: Number(m.headers["streamline.source.partition"] ?? -1), offset: m.headers["streamline.source.offset"] ?? "" },
      value: m.value ? decodeText(m.value) : null,
      location: { partition: m.partition, offset: m.offset },
    }))
    .sort((a, b) => b.at - a.at)
    .slice(0, limit);
  return { topic, deadLetters };
}

function decodeText(value: Buffer): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(value);
  } catch {
    return `(binary, ${value.length} bytes, base64) ${value.toString("base64")}`;
  }
}
