import { SchemaRegistry, SchemaType } from "@kafkajs/confluent-schema-registry";
import { Kafka, logLevel } from "kafkajs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { wordCountTemplate, type PipelineDocument } from "../graph";
import { createKafkajsClient } from "../kafka/kafkajs-stream-client";
import type { StreamClient } from "../kafka/stream-client";
import { createTopics, expectedWordCounts, testBrokers, uniqueName, ensureTestBroker } from "../runners/kafka-test-kit";
import { SupervisedRunner } from "../runners/supervised-runner";
import { RegistryCodec } from "./registry-codec";
import { registrySchemaType, type RegistryConnection, type RegistryFormat } from "./registry-formats";
import { registerSinkSchemas, valueSubject } from "./sink-schemas";

/**
 * The word count on the real broker and a real Schema Registry (the local
 * Apicurio Registry of scripts/registry.mjs, or SCHEMA_REGISTRY_URL's), with
 * its source in Avro, Protobuf and JSON Schema and its sink in Avro. Source
 * schemas are registered and values written by the registry client's own
 * serializers; the sink's schema is derived and registered as at deploy.
 */

const kafka = new Kafka({ clientId: "streamline-format-tests", brokers: testBrokers, logLevel: logLevel.NOTHING });
let client: StreamClient;
let registry: RegistryConnection;
let serializers: SchemaRegistry;

beforeAll(async () => {
  await ensureTestBroker();
  // Started on first need; a first build from Maven Central takes minutes (scripts/test-all.mjs starts it earlier).
  const { startRegistry } = (await import("../../scripts/registry.mjs" as string)) as { startRegistry: () => Promise<{ url: string }> };
  registry = { url: (await startRegistry()).url, username: process.env.SCHEMA_REGISTRY_USERNAME || undefined, password: process.env.SCHEMA_REGISTRY_PASSWORD || undefined };
  serializers = new SchemaRegistry({ host: registry.url, ...(registry.username ? { auth: { username: registry.username, password: registry.password ?? "" } } : {}) });
  client = createKafkajsClient({ brokers: testBrokers });
}, 900_000);

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

/** The word count document with its source in `format` and its sink in Avro. */
function wordCount(format: RegistryFormat, input: string, output: string): PipelineDocument {
  const base = wordCountTemplate({ input, output });
  return {
    ...base,
    nodes: base.nodes.map((node) =>
      node.type === "kafka-source" ? { ...node, data: { ...node.data, format } } : node.type === "kafka-sink" ? { ...node, data: { ...node.data, format: "avro" } } : node,
    ),
  };
}

describe.each(["avro", "protobuf", "json-schema"] as const)("The word count reading %s", (format) => {
  it("counts exactly into an Avro sink; an unknown schema id, a corrupt payload and a value without the header go to the dead-letter topic", { timeout: 240_000 }, async () => {
    const input = uniqueName(`wc-${format}-in`);
    const output = uniqueName(`wc-${format}-out`);
    const deadLetters = `${output}.dlq`;
    await createTopics([input, output, deadLetters]);
    const document = wordCount(format, input, output);

    // The producer's side: the registry client registers the schema under TopicNameStrategy and serializes.
    const { id } = await serializers.register({ type: registrySchemaType(format) as SchemaType, schema: sourceSchemas[format] } as Parameters<SchemaRegistry["register"]>[0], { subject: valueSubject(input) });
    const good = await Promise.all(lines.map((text) => serializers.encode(id, { text })));
    const corrupt = Buffer.concat([good[0]!.subarray(0, 5), Buffer.from([0xff, 0xfe, 0xfd, 0xfc, 0xfb, 0xfa, 0xf9])]);
    const unknownId = Buffer.concat([Buffer.from([0, 0x7f, 0xff, 0xff, 0xf0]), good[0]!.subarray(5)]);
    const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    await producer.send({ topic: input, messages: [...good, corrupt, unknownId, Buffer.from("plain text")].map((value, i) => ({ value, partition: i % 3 })) });
    await producer.disconnect();

    // The engine's side, as a deployment has it: a codec on the registry, the sink's schema registered at deploy.
    const codec = new RegistryCodec(registry);
    const registered = await registerSinkSchemas(document, () => codec);
    if (!registered.ok) throw new Error(JSON.stringify(registered.problems));
    expect(registered.sinks).toEqual([expect.objectContaining({ nodeId: "counts", subject: valueSubject(output) })]);
    const runner = new SupervisedRunner(
      { pipelineId: uniqueName(`wc-${format}`), generation: 0, guarantee: "exactly-once", document, deadLetterTopic: deadLetters, client, formats: { codecFor: () => codec, sinks: registered.sinks } },
      { onStatus: () => {} },
    );
    runner.start();
    const expected = expectedWordCounts(lines);
    const latestOf = (decoded: { word: string; count: number }[]) => Object.fromEntries(decoded.map(({ word, count }) => [word, Number(count)]));
    try {
      const counts = await readAll(output, (values) => {
        const latest = latestOf(values.map(({ value }) => codec.decode(value, "avro") as { word: string; count: number }));
        return Object.entries(expected).every(([word, count]) => latest[word] === count);
      });
      // Checked with the registry client's own deserializer, which fetches the sink's schema by the id in each value.
      expect(latestOf(await Promise.all(counts.map(({ value }) => serializers.decode(value) as Promise<{ word: string; count: number }>)))).toEqual(expected);
      const letters = await readAll(deadLetters, (values) => values.length >= 3);
      expect(letters.map((letter) => letter.headers["streamline.error.code"])).toEqual(["decode-error", "decode-error", "decode-error"]);
      const messages = letters.map((letter) => letter.headers["streamline.error.message"]!);
      expect(messages).toHaveLength(3);
      expect(messages).toContainEqual(expect.stringContaining(`does not decode with schema id ${id} (${format})`));
      expect(messages).toContainEqual(expect.stringContaining(`Schema id ${0x7ffffff0} is not known to the Schema Registry at ${registry.url}`));
      expect(messages).toContainEqual(expect.stringContaining("does not start with the Schema Registry magic byte 0"));
    } finally {
      await runner.stop();
    }
  });
});

describe("An Avro sink whose derived schema the registry's compatibility rules reject", () => {
  it("is refused at deploy with the sink node named", async () => {
    const output = uniqueName("wc-incompatible-out");
    const document = wordCount("avro", uniqueName("wc-incompatible-in"), output);
    // An earlier writer of the topic had `word` as a required int: the derived schema (word: null|string) cannot read that data.
    const earlier = JSON.stringify({ type: "record", name: "Counts", fields: [{ name: "word", type: "int" }] });
    await serializers.register({ type: SchemaType.AVRO, schema: earlier }, { subject: valueSubject(output) });
    const config = await fetch(`${registry.url}/config/${encodeURIComponent(valueSubject(output))}`, {
      method: "PUT",
      headers: { "content-type": "application/vnd.schemaregistry.v1+json", ...(registry.username ? { authorization: `Basic ${Buffer.from(`${registry.username}:${registry.password ?? ""}`).toString("base64")}` } : {}) },
      body: JSON.stringify({ compatibility: "BACKWARD" }),
    });
    expect(config.status).toBe(200);

    const result = await registerSinkSchemas(document, () => new RegistryCodec(registry));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toEqual([
      { nodeId: "counts", field: "format", message: expect.stringMatching(new RegExp(`^Sink 'counts': The Schema Registry refused the schema for subject '${valueSubject(output)}' as incompatible`)) },
    ]);
  });
});
