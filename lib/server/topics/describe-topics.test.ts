import { Kafka, logLevel, type Admin } from "kafkajs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTopics, produce, testBrokers, uniqueName } from "@/engine/runners/kafka-test-kit";
import { describeTopicsOrWhy } from "./describe-topics";

/**
 * The topic list on a shared cluster, where other clients delete topics at any moment: a topic
 * whose metadata or offsets cannot be read is named with the reason, and the others are described.
 */
describe("describeTopicsOrWhy", () => {
  const kafka = new Kafka({ clientId: "describe-topics-test", brokers: testBrokers, logLevel: logLevel.NOTHING, retry: { retries: 1, initialRetryTime: 100 } });
  let admin: Admin;
  const kept = uniqueName("describe-kept");
  const gone = uniqueName("describe-gone");

  beforeAll(async () => {
    await createTopics([kept, gone], 3);
    await produce(kept, [{ id: 1 }, { id: 2 }, { id: 3 }]);
    admin = kafka.admin();
    await admin.connect();
  });

  afterAll(async () => {
    await admin.deleteTopics({ topics: [kept] }).catch(() => undefined);
    await admin.disconnect();
  });

  it("describes the readable topics and names a topic deleted since the listing", async () => {
    await admin.deleteTopics({ topics: [gone] });
    // The listing (admin.listTopics) happened before the deletion: both names are asked for.
    const { facts, unreadable } = await describeTopicsOrWhy(admin, [kept, gone]);
    expect(facts.map((fact) => fact.name)).toEqual([kept]);
    expect(facts[0]!.partitions).toHaveLength(3);
    expect(facts[0]!.partitions.reduce((sum, p) => sum + Number(p.end) - Number(p.start), 0)).toBe(3);
    expect(unreadable.map((topic) => topic.name)).toEqual([gone]);
    expect(unreadable[0]!.reason).toMatch(/topic/i);
  });

  it("keeps a topic whose offsets fail out of the facts, with the reason, and the rest whole", async () => {
    const metadata = (name: string) => ({ name, partitions: [{ partitionId: 0, leader: 1, replicas: [1], isr: [1], partitionErrorCode: 0, offlineReplicas: [] }] });
    const fake = {
      fetchTopicMetadata: async ({ topics }: { topics: string[] }) => {
        if (topics.includes("metadata-fails")) throw new Error("This server does not host this topic-partition");
        return { topics: topics.map(metadata) };
      },
      describeConfigs: async ({ resources }: { resources: { name: string }[] }) => ({
        resources: resources.map((resource) => ({ resourceName: resource.name, configEntries: [{ configName: "retention.ms", configValue: "60000" }] })),
      }),
      fetchTopicOffsets: async (name: string) => {
        if (name === "offsets-fail") throw new Error("Leader not available");
        return [{ partition: 0, offset: "5", high: "5", low: "1" }];
      },
    } as unknown as Admin;
    const { facts, unreadable } = await describeTopicsOrWhy(fake, ["a", "metadata-fails", "offsets-fail", "b"]);
    expect(facts.map((fact) => [fact.name, fact.retentionMs, fact.partitions[0]!.end])).toEqual([
      ["a", 60_000, "5"],
      ["b", 60_000, "5"],
    ]);
    expect(Object.fromEntries(unreadable.map((topic) => [topic.name, topic.reason]))).toEqual({
      "metadata-fails": "This server does not host this topic-partition",
      "offsets-fail": "Leader not available",
    });
  });
});
