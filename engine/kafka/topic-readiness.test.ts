import { Kafka, logLevel } from "kafkajs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testBrokers, uniqueName } from "../runners/kafka-test-kit";
import { createTopicsAndWait, partitionsLed, waitForPartitionLeaders } from "./topic-readiness";

const admin = new Kafka({ clientId: "topic-readiness-test", brokers: testBrokers, logLevel: logLevel.NOTHING }).admin();

beforeAll(() => admin.connect());
afterAll(() => admin.disconnect());

describe("topic readiness on the broker", () => {
  it("creates topics and returns once every partition has a leader; a second create of the same topic says it created nothing", async () => {
    const topics = [uniqueName("ready-a"), uniqueName("ready-b")];
    expect(await createTopicsAndWait(admin, topics.map((topic) => ({ topic, numPartitions: 4 })))).toBe(true);
    expect(await partitionsLed(admin, topics)).toBe(true);
    const { topics: metadata } = await admin.fetchTopicMetadata({ topics });
    expect(metadata.map((t) => t.partitions.length)).toEqual([4, 4]);
    expect(await createTopicsAndWait(admin, [{ topic: topics[0]!, numPartitions: 4 }])).toBe(false);
  });

  it("reports a topic that does not exist as not led, and gives up waiting for it after its bound", async () => {
    const missing = uniqueName("ready-missing");
    expect(await partitionsLed(admin, [missing])).toBe(false);
    const started = Date.now();
    expect(await waitForPartitionLeaders(admin, [missing], 300)).toBe(false);
    expect(Date.now() - started).toBeGreaterThanOrEqual(300);
  });
});
