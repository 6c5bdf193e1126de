import { Kafka, logLevel } from "kafkajs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testBrokers, uniqueName } from "../runners/kafka-test-kit";
import type { Admin } from "kafkajs";
import { createTopicsAndWait, partitionsLed, topicOffsets, waitForPartitionLeaders } from "./topic-readiness";

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

describe("topicOffsets", () => {
  /** An admin whose offsets call fails as kafkajs's does over a metadata cache without the topic's partitions, `failures` times. */
  const flakyAdmin = (failures: number, error: Error = new TypeError("Cannot destructure property 'partitions' of 'low.pop(...)' as it is undefined.")) => {
    const calls = { offsets: 0, metadata: 0 };
    const admin = {
      fetchTopicOffsets: async () => {
        calls.offsets += 1;
        if (calls.offsets <= failures) throw error;
        return [{ partition: 0, offset: "5", high: "5", low: "0" }];
      },
      fetchTopicMetadata: async () => {
        calls.metadata += 1;
        return { topics: [] };
      },
    } as unknown as Admin;
    return { admin, calls };
  };

  it("asks again, after a metadata refresh, while kafkajs's cache lists no partition", async () => {
    const { admin, calls } = flakyAdmin(2);
    expect(await topicOffsets(admin, "t")).toEqual([{ partition: 0, offset: "5", high: "5", low: "0" }]);
    expect(calls).toEqual({ offsets: 3, metadata: 2 });
  });

  it("gives up after five attempts, and at once on any other error", async () => {
    await expect(topicOffsets(flakyAdmin(9).admin, "t")).rejects.toThrow(TypeError);
    const other = flakyAdmin(1, new Error("This server does not host this topic-partition"));
    await expect(topicOffsets(other.admin, "t")).rejects.toThrow("does not host");
    expect(other.calls.offsets).toBe(1);
  });

  it("reads a real topic's offsets", async () => {
    const topic = uniqueName("topic-offsets");
    await createTopicsAndWait(admin, [{ topic, numPartitions: 2 }]);
    expect((await topicOffsets(admin, topic)).map((p) => [p.partition, p.high]).sort()).toEqual([[0, "0"], [1, "0"]]);
  });
});
