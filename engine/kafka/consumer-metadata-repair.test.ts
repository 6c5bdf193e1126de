import { createRequire } from "node:module";
import { afterAll, describe, expect, it } from "vitest";
import { consumerMetadataRepaired, consumerMetadataRepairs, partitionsWithoutLeader } from "./kafkajs-patches";
import { createKafkajsClient } from "./kafkajs-stream-client";
import { createTopics, produce, testBrokers, uniqueName } from "../runners/kafka-test-kit";

const group = (assigned: { topic: string; partitions: number[] }[], metadata: Record<string, { partitionId: number; leader: number }[]>) => ({
  subscriptionState: { assigned: () => assigned },
  cluster: {
    findTopicPartitionMetadata: (topic: string) => {
      if (!(topic in metadata)) throw new Error("Topic metadata not loaded");
      return metadata[topic]!;
    },
    refreshMetadata: async () => {},
  },
});

describe("partitionsWithoutLeader", () => {
  it("names assigned partitions the metadata lists without a leader, or not at all", () => {
    expect(partitionsWithoutLeader(group([{ topic: "a", partitions: [0, 1, 2] }], { a: [{ partitionId: 0, leader: 1 }, { partitionId: 1, leader: -1 }] }))).toEqual(["a/1", "a/2"]);
    expect(partitionsWithoutLeader(group([{ topic: "a", partitions: [0] }], { a: [{ partitionId: 0, leader: 1 }] }))).toEqual([]);
    expect(partitionsWithoutLeader(group([{ topic: "b", partitions: [0] }], {}))).toEqual(["b/0"]);
  });
});

const client = createKafkajsClient({ brokers: testBrokers });
afterAll(() => client.close());

describe("a consumer whose metadata lost its partitions, on the broker", () => {
  it("refreshes it and reads the records (kafkajs alone fetched nothing until its 5-minute metadata refresh)", { timeout: 60_000 }, async () => {
    expect(consumerMetadataRepaired).toBe(true);
    const topic = uniqueName("metadata-repair");
    await createTopics([topic], 2);
    await produce(topic, ["a", "b", "c"].map((value, i) => ({ value, partition: i % 2 })));
    // Make the consumer's first fetch find its metadata as a refresh racing the topic's creation left it: the topic, no partitions.
    const ConsumerGroup = createRequire(import.meta.url)("kafkajs/src/consumer/consumerGroup.js") as { prototype: { fetch: (this: { cluster: { brokerPool: { metadata: { topicMetadata: { topic: string; partitionMetadata: unknown[] }[] } } } }, nodeId: number) => Promise<unknown[]> } };
    const repairing = ConsumerGroup.prototype.fetch;
    let corrupted = false;
    ConsumerGroup.prototype.fetch = async function (nodeId) {
      const entry = this.cluster.brokerPool.metadata?.topicMetadata.find((t) => t.topic === topic);
      if (!corrupted && entry) {
        entry.partitionMetadata = [];
        corrupted = true;
      }
      return repairing.call(this, nodeId);
    };
    const before = consumerMetadataRepairs.count;
    const consumer = client.consumer({ groupId: uniqueName("metadata-repair-g") });
    const values: string[] = [];
    try {
      await consumer.subscribe([{ topic, fromBeginning: true }]);
      await consumer.run(async (batch) => void values.push(...batch.messages.map((m) => m.value!.toString())), () => undefined);
      for (let i = 0; i < 150 && values.length < 3; i++) await new Promise((r) => setTimeout(r, 100));
    } finally {
      ConsumerGroup.prototype.fetch = repairing;
      await consumer.stop();
    }
    expect(corrupted).toBe(true);
    expect(values.sort()).toEqual(["a", "b", "c"]);
    expect(consumerMetadataRepairs.count).toBeGreaterThan(before);
  });
});
