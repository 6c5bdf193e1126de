import "server-only";
import { kafkaEndpoints, pipelineConnection, type PipelineDocument, type ValidPipeline } from "@/engine/graph";
import { ApiError } from "../api/api-error";
import { getDb } from "../db/prisma";

/** Refuses (422) a graph whose sources and sinks name a Kafka connection that is not stored. */
export async function assertConnectionExists(document: PipelineDocument | ValidPipeline): Promise<void> {
  const connectionId = pipelineConnection(document);
  if (!connectionId) return;
  const db = await getDb();
  if (await db.kafkaConnection.findUnique({ where: { id: connectionId }, select: { id: true } })) return;
  const nodes = kafkaEndpoints(document).map((endpoint) => ({ id: endpoint.nodeId }));
  throw new ApiError(
    422,
    "invalid_graph",
    `The Kafka connection '${connectionId.slice(0, 100)}' does not exist; pick another on the sources and sinks`,
    nodes.map((node) => ({ code: "node.config", message: `${node.id}: the Kafka connection does not exist`, nodeId: node.id, field: "connection", structural: false })),
  );
}
