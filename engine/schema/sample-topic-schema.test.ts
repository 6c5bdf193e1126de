import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { T } from "../expr/types";
import { createKafkajsClient } from "../kafka/kafkajs-stream-client";
import type { StreamClient } from "../kafka/stream-client";
import { createTopics, produce, testBrokers, uniqueName, ensureTestBroker } from "../runners/kafka-test-kit";
import { sampleTopicSchema } from "./sample-topic-schema";

/** Schema inference on generated topics of the real broker. */

let client: StreamClient;

beforeAll(async () => {
  await ensureTestBroker();
  client = createKafkajsClient({ brokers: testBrokers });
});

afterAll(async () => {
  await client?.close();
});

describe("sampleTopicSchema", () => {
  it("infers nested objects, arrays, nulls and mixed types from a topic's latest records", { timeout: 120_000 }, async () => {
    const topic = uniqueName("infer");
    await createTopics([topic]);
    const records = Array.from({ length: 300 }, (_, i) => ({
      id: i,
      customer: { name: `c${i % 7}`, ...(i % 2 === 0 ? { country: i % 4 === 0 ? "US" : "DE" } : {}) },
      items: Array.from({ length: i % 3 }, (_, j) => ({ sku: `s${j}`, qty: j + 1 })),
      note: i % 5 === 0 ? null : "ok",
      code: i % 10 === 0 ? "X" : i,
    }));
    await produce(topic, [...records, { value: "not json" }]);

    const schema = await sampleTopicSchema(client, topic, { format: "json", perPartition: 200 });
    expect(schema.sampled).toBe(300);
    expect(schema.undecodable).toBe(1);
    const field = (name: string) => schema.fields.find((f) => f.name === name)!;
    expect(field("id")).toMatchObject({ type: T.int, presence: 1, nullable: false, distinct: 300 });
    expect(field("customer").type).toEqual(T.row({ name: T.string, country: T.string }));
    expect(field("customer").fields!.find((f) => f.name === "country")).toMatchObject({ presence: 0.5, nullable: true, distinct: 2 });
    expect(field("items").type).toEqual(T.array(T.row({ sku: T.string, qty: T.int })));
    expect(field("note")).toMatchObject({ type: T.string, nullable: true, kinds: { null: 60, string: 240 } });
    expect(field("code")).toMatchObject({ type: T.any, mixed: true, kinds: { string: 30, int: 270 } });
    // Keys from the same sample: id is unique, customer.name repeats; the mixed field is neither.
    expect(schema.suggestions.identityKeys.map((key) => key.field)).toContain("id");
    expect(schema.suggestions.groupKeys.map((key) => key.field)).toContain("customer.name");
    expect([...schema.suggestions.groupKeys, ...schema.suggestions.identityKeys].map((key) => key.field)).not.toContain("code");
  });

  it("gives an empty topic no fields", { timeout: 60_000 }, async () => {
    const topic = uniqueName("infer-empty");
    await createTopics([topic]);
    const schema = await sampleTopicSchema(client, topic, { format: "json" });
    expect(schema).toEqual({
      topic,
      undecodable: 0,
      sampled: 0,
      notObjects: 0,
      fields: [],
      recordType: T.anyRecord(),
      suggestions: { groupKeys: [], identityKeys: [], eventTime: [], values: {} },
    });
  });
});
