/**
 * A processing thread's program (a worker thread of ProcessingThreads): it
 * builds the pipeline's executor from the document it is given and processes
 * the batches it is sent, answering each with the sink output already encoded
 * to bytes. No Kafka here: the runner's thread fetches, commits and produces.
 */
import { parentPort } from "node:worker_threads";
import { requireValidPipeline, type PipelineDocument } from "../graph";
import { PipelineExecutor } from "./pipeline-executor";
import type { DeadLetter } from "../runtime/dead-letter";
import type { NodeMetricsSnapshot, Sample } from "../runtime/pipeline-metrics";
import { packOutgoingMessages, transferList, unpackSourceMessages, type PackedOutgoingMessages, type PackedSourceMessages } from "./record-transfer";

/** What the runner's thread sends. */
export type ThreadRequest =
  | { kind: "start"; document: PipelineDocument }
  | { kind: "batch"; id: number; topic: string; packed: PackedSourceMessages; now: number }
  | { kind: "telemetry"; id: number };

/**
 * A thread's numbers for ProcessingThreads to merge: per-node snapshots of
 * the interval, the samples of nodes whose samples changed since the last
 * report, and every node's sample version (to tell when the merge changed).
 */
export type ThreadTelemetry = { nodes: Record<string, NodeMetricsSnapshot>; samples: Record<string, { in: Sample[]; out: Sample[] }>; versions: Record<string, number> };

/** What a processing thread answers. */
export type ThreadReply =
  | { kind: "started" }
  | { kind: "batch"; id: number; packed: PackedOutgoingMessages; deadLetters: DeadLetter[] }
  | { kind: "telemetry"; id: number; telemetry: ThreadTelemetry }
  | { kind: "failed"; id: number | null; message: string; stack?: string };

const port = parentPort;
if (port) {
  let executor: PipelineExecutor | null = null;
  const sampleVersions = new Map<string, number>();
  const reply = (message: ThreadReply, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer);
  port.on("message", (request: ThreadRequest) => {
    try {
      if (request.kind === "start") {
        executor = new PipelineExecutor(requireValidPipeline(request.document));
        reply({ kind: "started" });
      } else if (request.kind === "batch") {
        const result = executor!.processSourceBatch(request.topic, unpackSourceMessages(request.packed), request.now);
        const packed = packOutgoingMessages(result.messages);
        reply({ kind: "batch", id: request.id, packed, deadLetters: result.deadLetters }, transferList(packed));
      } else {
        const metrics = executor!.metrics;
        const versions = Object.fromEntries([...metrics.nodes].map(([id, node]) => [id, node.samplesVersion]));
        reply({ kind: "telemetry", id: request.id, telemetry: { nodes: metrics.snapshot(new Map()).nodes, samples: metrics.changedSamples(sampleVersions), versions } });
      }
    } catch (error) {
      const failure = error instanceof Error ? error : new Error(String(error));
      reply({ kind: "failed", id: request.kind === "start" ? null : request.id, message: failure.message, stack: failure.stack });
    }
  });
}
