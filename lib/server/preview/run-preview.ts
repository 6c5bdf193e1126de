import "server-only";
import { kafkaEndpoints, pipelineConnection, validatePipeline } from "@/engine/graph";
import { PlanError } from "@/engine/operators/shared/compile-node-expression";
import { PipelineExecutor } from "@/engine/runners/pipeline-executor";
import type { PreviewPipelineBody, PreviewResult } from "@/lib/schemas/pipelines";
import { ApiError, notFound } from "../api/api-error";
import { getDb } from "../db/prisma";
import { assertConnectionExists } from "../connections/assert-connection-exists";
import { withConnectionClient } from "../connections/with-connection-client";
import { withTopicKafka } from "../topics/topic-kafka";
import type { StreamClient } from "@/engine/kafka/stream-client";

export type { PreviewResult };

/**
 * Runs a draft (or the latest saved version) on the latest records of its
 * source topics, entirely in this process: records are read without a
 * consumer group's offsets and nothing is committed or written to any topic.
 * Returns what went in and out of each node, and the records that failed.
 */
export async function runPreview(pipelineId: string, body: PreviewPipelineBody): Promise<PreviewResult> {
  const started = Date.now();
  const db = await getDb();
  const pipeline = await db.pipeline.findUnique({ where: { id: pipelineId } });
  if (!pipeline) throw notFound(`Pipeline '${pipelineId}'`);
  let graph = body.graph;
  if (graph === undefined) {
    const latest = await db.pipelineVersion.findUnique({ where: { pipelineId_version: { pipelineId, version: pipeline.latestVersion } } });
    graph = JSON.parse(latest!.graph);
  }
  const validation = validatePipeline(graph);
  if (!validation.ok) {
    throw new ApiError(422, "invalid_graph", `The graph cannot be previewed until its ${validation.problems.length} problem${validation.problems.length === 1 ? " is" : "s are"} fixed; first: ${validation.problems[0]!.message}`, validation.problems);
  }
  let executor: PipelineExecutor;
  try {
    executor = new PipelineExecutor(validation.document);
  } catch (error) {
    if (error instanceof PlanError) throw new ApiError(422, "invalid_graph", error.message, [{ code: "node.expression", nodeId: error.nodeId, field: error.field, message: error.message, structural: false }]);
    throw error;
  }
  const perSource = body.perSource ?? 20;
  await assertConnectionExists(validation.document);
  const sources: PreviewResult["sources"] = [];
  const deadLetters: PreviewResult["deadLetters"] = [];
  const sourceNodes = kafkaEndpoints(validation.document).filter((endpoint) => endpoint.role === "source");
  const topics = [...new Set(sourceNodes.map((source) => source.topic))];
  let read: Awaited<ReturnType<StreamClient["readLatest"]>>[];
  try {
    read = await withConnectionClient(pipelineConnection(validation.document), (client) => Promise.all(topics.map((topic) => client.readLatest(topic, perSource))));
  } catch (error) {
    throw new ApiError(503, "kafka_unavailable", `Kafka could not be read for the preview: ${error instanceof Error ? error.message : error}`);
  }
  // A topic that reads as empty may not exist at all (a typo): say so rather than "0 records".
  const empty = topics.filter((_, i) => read[i]!.length === 0);
  const existing = empty.length === 0 ? new Set<string>() : new Set(await withTopicKafka(pipelineConnection(validation.document), ({ admin }) => admin.listTopics()).catch(() => empty));
  topics.forEach((topic, i) => {
    const messages = read[i]!.slice(-perSource);
    const missing = messages.length === 0 && !existing.has(topic);
    for (const source of sourceNodes) if (source.topic === topic) sources.push({ nodeId: source.nodeId, topic, records: messages.length, ...(missing ? { missing } : {}) });
    const result = executor.processSourceBatch(topic, messages);
    for (const letter of result.deadLetters) deadLetters.push({ nodeId: letter.nodeId, code: letter.code, ...(letter.detail ? { detail: letter.detail } : {}), message: letter.message, origin: letter.origin });
  });
  const samples = executor.metrics.changedSamples(new Map());
  const nodes: PreviewResult["nodes"] = {};
  for (const [id, counters] of executor.metrics.nodes) {
    nodes[id] = { recordsIn: counters.recordsIn, recordsOut: counters.recordsOut, errors: counters.errors, in: samples[id]?.in ?? [], out: samples[id]?.out ?? [] };
  }
  return { durationMs: Date.now() - started, sources, nodes, deadLetters };
}
