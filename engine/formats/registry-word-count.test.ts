import { Kafka, logLevel } from "kafkajs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkPipelineExpressions } from "../graph/check-expressions";
import { wordCountTemplate, type PipelineDocument } from "../graph";
import { createKafkajsClient } from "../kafka/kafkajs-stream-client";
import type { StreamClient } from "../kafka/stream-client";
import { createTopics, expectedWordCounts, testBrokers, uniqueName } from "../runners/kafka-test-kit";
import { SupervisedRunner } from "../runners/supervised-runner";
import { recordTypeToAvro } from "./record-type-to-avro";
import { RegistryCodec } from "./registry-codec";
import type { RegistryFormat } from "./registry-formats";

/**
 * The word count on the real broker with its source in Avro, Protobuf and
 * JSON Schema and its sink in Avro, values written by the registry client's
 * own serializers. No Schema Registry runs here (Apicurio's modules are not
 * all on Maven Central, see docs/engine.md): the schemas are preloaded into
 * the codec's cache under fixed ids, so everything but the registry's HTTP
 * API is exercised: wire format, codecs, the engine's decode and encode path,
 * dead letters.
 */

const kafka = new Kafka({ clientId: "streamline-format-tests", brokers: testBrokers, logLevel: logLevel.NOTHING });
let client: StreamClient;

beforeAll(async () => {
  if (!process.env.KAFKA_BROKERS) {
    const { startBroker } = (await import("../../scripts/kafka.mjs" as string)) as { startBroker: () => Promise<unknown> };
    await startBroker();
  }
  client = createKafkajsClient({ brokers: testBrokers });
});

afterAll(async () => {
  await client?.close();
});

const sourceSchemas: Record<RegistryFormat, string> = {
  avro: JSON.stringify({ type: "record", name: "Line", fields: [{ name: "text", type: "string" }] }),
  protobuf: `syntax = "proto3";\npackage lines;\nmessage Line { string text = 1; }`,
  "json-schema": JSON.stringify({ type: "object", properties: { text: { type: "string" } }, required: ["text"] }),
};

const words = ["alpha", "beta", "gamma", "delta", "Epsilon", "zeta"];
const lines = Array.from({ length: 600 }, (_, i) => Array.from({ length: 1 + (i % 5) }, (_, j) => words[(i * 7 + j * 3) % words.length]).join(" "));

async function readAll(topic: string, until: (values: { value: Buffer; headers: Record<string, string> }[]) => boolean, timeoutMs = 90_000) {
  const consumer = kafka.consumer({ groupId: uniqueName("format-reader"), readUncommitted: false, maxWaitTimeInMs: 100 });
  const seen: { value: Buffer; headers: Record<string, string> }[] = [];
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) => {
        const headers: Record<string, string> = {};
        for (const [name, value] of Object.entries(message.headers ?? {})) headers[name] = String(value);
        seen.push({ value: message.value!, headers });
      },
    });
    const deadline = Date.now() + timeoutMs;
    while (!until(seen) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    return [...seen];
  } finally {
    await consumer.disconnect();
  }
}

describe.each(["avro", "protobuf", "json-schema"] as const)("The word count reading %s", (format) => {
  it("counts exactly into an Avro sink, and sends a corrupt payload and a value without the header to the dead-letter topic", { timeout: 240_000 }, async () => {
    const input = uniqueName(`wc-${format}-in`);
    const output = uniqueName(`wc-${format}-out`);
    const deadLetters = `${output}.dlq`;
    await createTopics([input, output, deadLetters]);
    const base = wordCountTemplate({ input, output });
    const document: PipelineDocument = {
      ...base,
      nodes: base.nodes.map((node) =>
        node.type === "kafka-source" ? { ...node, data: { ...node.data, format } } : node.type === "kafka-sink" ? { ...node, data: { ...node.data, format: "avro" } } : node,
      ),
    };

    const codec = new RegistryCodec({ url: "http://127.0.0.1:1/not-used" });
    codec.preload(1, format, sourceSchemas[format]);
    const sinkType = checkPipelineExpressions(document).inputTypes.get("counts")!;
    const sinkSchema = recordTypeToAvro(sinkType, output);
    if (!sinkSchema.ok) throw new Error(JSON.stringify(sinkSchema.problems));
    codec.preload(2, "avro", JSON.stringify(sinkSchema.schema));

    const good = lines.map((text) => codec.encode(1, { text }));
    const corrupt = Buffer.concat([good[0]!.subarray(0, 5), Buffer.from([0xff, 0xfe, 0xfd, 0xfc, 0xfb, 0xfa, 0xf9])]);
    const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    await producer.send({ topic: input, messages: [...good, corrupt, Buffer.from("plain text")].map((value, i) => ({ value, partition: i % 3 })) });
    await producer.disconnect();

    const runner = new SupervisedRunner(
      {
        pipelineId: uniqueName(`wc-${format}`),
        generation: 0,
        guarantee: "exactly-once",
        document,
        deadLetterTopic: deadLetters,
        client,
        formats: { codecFor: () => codec, sinks: [{ nodeId: "counts", subject: `${output}-value`, schemaId: 2, encode: (fields) => codec.encode(2, { word: fields.word ?? null, count: fields.count ?? null }) }] },
      },
      { onStatus: () => {} },
    );
    runner.start();
    const expected = expectedWordCounts(lines);
    const latestOf = (values: { value: Buffer }[]) => {
      const latest: Record<string, number> = {};
      for (const { value } of values) {
        const { word, count } = codec.decode(value, "avro") as { word: string; count: number };
        latest[word] = count;
      }
      return latest;
    };
    try {
      const counts = await readAll(output, (values) => Object.entries(expected).every(([word, count]) => latestOf(values)[word] === count));
      expect(latestOf(counts)).toEqual(expected);
      const letters = await readAll(deadLetters, (values) => values.length >= 2);
      expect(letters.map((letter) => letter.headers["streamline.error.code"])).toEqual(["decode-error", "decode-error"]);
      expect(letters.map((letter) => letter.headers["streamline.error.message"]).sort()).toEqual([
        expect.stringContaining(`does not decode with schema id 1 (${format})`),
        expect.stringContaining("does not start with the Schema Registry magic byte 0"),
      ].sort((a, b) => (String(a) < String(b) ? -1 : 1)));
    } finally {
      await runner.stop();
    }
  });
});
