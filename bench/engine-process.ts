// The process under test for the Node side of the benchmark: the engine (a
// SupervisedRunner, as the worker runs it) or the raw-client passthrough. Run
// by bench/run.ts as `node --import tsx bench/engine-process.ts <base64 JSON>`,
// so its pid is the process whose memory is measured. Prints one JSON line per
// status change; stops cleanly on SIGTERM. A pipeline in a Schema Registry
// format gets the registry's codec and its sinks' schemas registered first, as
// a deploy on the worker does.
import type { ExecutorFormats } from "../engine/formats/executor-formats";
import { codecFor, usesRegistry } from "../engine/formats/registry-codecs";
import type { RegistryConnection } from "../engine/formats/registry-formats";
import { registerSinkSchemas } from "../engine/formats/sink-schemas";
import type { PipelineDocument } from "../engine/graph";
import { createKafkajsClient } from "../engine/kafka/kafkajs-stream-client";
import type { StreamClient } from "../engine/kafka/stream-client";
import type { DeliveryGuarantee } from "../engine/runners/embedded-runner";
import { SupervisedRunner } from "../engine/runners/supervised-runner";
import { pendingOutputLimit } from "../engine/runners/pending-output-limit";
import { processingThreadsSetting } from "../engine/runners/processing-threads";
import { runRawPassthrough } from "./raw-passthrough";

export type ProcessSpec =
  /** processingThreads: the runner's processing threads (default: ENGINE_PROCESSING_THREADS, as the engine reads it). */
  | { kind: "engine"; brokers: string[]; client: "kafkajs" | "platformatic"; pipelineId: string; document: PipelineDocument; guarantee: DeliveryGuarantee; deadLetterTopic: string; registry?: RegistryConnection; processingThreads?: number }
  | { kind: "raw"; brokers: string[]; groupId: string; input: string[]; output: string; guarantee: DeliveryGuarantee };

const report = (line: Record<string, unknown>) => process.stdout.write(`${JSON.stringify(line)}\n`);

async function createClient(spec: Extract<ProcessSpec, { kind: "engine" }>): Promise<StreamClient> {
  const log = (level: string, message: string) => level !== "info" && process.stderr.write(`[${level}] ${message}\n`);
  if (spec.client === "platformatic") {
    // Only present in a scratch copy where @platformatic/kafka is installed (see bench/README.md).
    const modulePath = "../engine/kafka/platformatic-stream-client";
    const { createPlatformaticClient } = (await import(modulePath)) as { createPlatformaticClient: (o: { brokers: string[]; log: typeof log }) => StreamClient };
    return createPlatformaticClient({ brokers: spec.brokers, log });
  }
  return createKafkajsClient({ brokers: spec.brokers, log });
}

/**
 * The registry formats of a pipeline that reads or writes avro, protobuf or
 * json-schema, built as the worker's embedded runtime builds them at deploy:
 * one codec on the registry, the sinks' schemas derived and registered.
 */
async function formatsFor(spec: Extract<ProcessSpec, { kind: "engine" }>): Promise<ExecutorFormats | undefined> {
  if (!usesRegistry(spec.document)) return undefined;
  if (!spec.registry) throw new Error(`Pipeline ${spec.pipelineId} uses a Schema Registry format but the benchmark gave no registry`);
  const codec = codecFor(spec.registry);
  const registered = await registerSinkSchemas(spec.document, () => codec);
  if (!registered.ok) throw new Error(registered.problems.map((problem) => problem.message).join("; "));
  return { codecFor: () => codec, sinks: registered.sinks };
}

async function main() {
  // BENCH_MEMORY=1: where the memory goes, every 2 s on stderr (heap, external buffers, RSS).
  if (process.env.BENCH_MEMORY === "1") {
    setInterval(() => {
      const m = process.memoryUsage();
      const mb = (n: number) => Math.round(n / 2 ** 20);
      process.stderr.write(`[memory] rss ${mb(m.rss)} heapTotal ${mb(m.heapTotal)} heapUsed ${mb(m.heapUsed)} external ${mb(m.external)} arrayBuffers ${mb(m.arrayBuffers)}\n`);
    }, 2_000).unref();
  }
  const spec = JSON.parse(Buffer.from(process.argv[2]!, "base64").toString("utf8")) as ProcessSpec;
  let stop: () => Promise<void>;
  if (spec.kind === "raw") {
    stop = await runRawPassthrough(spec, report);
  } else {
    const formats = await formatsFor(spec);
    const client = await createClient(spec);
    const runner = new SupervisedRunner(
      { pipelineId: spec.pipelineId, generation: 0, document: spec.document, guarantee: spec.guarantee, deadLetterTopic: spec.deadLetterTopic, client, formats, maxPendingBytes: pendingOutputLimit(), processingThreads: spec.processingThreads ?? processingThreadsSetting() },
      { onStatus: (status, error) => report({ status, error }), log: (message) => process.stderr.write(`${message}\n`) },
    );
    runner.start();
    stop = async () => {
      await runner.stop();
      await client.close();
    };
  }
  let stopping = false;
  process.on("SIGTERM", () => {
    if (stopping) return;
    stopping = true;
    void stop().finally(() => process.exit(0));
  });
}

void main().catch((error: unknown) => {
  report({ status: "failed", error: error instanceof Error ? error.message : String(error) });
  process.exit(1);
});
