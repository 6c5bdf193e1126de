import { createRequire } from "node:module";
import { afterAll, describe, expect, it } from "vitest";
import { wordCountTemplate } from "../graph";
import { createKafkajsClient } from "../kafka/kafkajs-stream-client";
import type { ConsumerActivity, StreamClient, StreamConsumer } from "../kafka/stream-client";
import { createTopics, expectedWordCounts, produce, readCommitted, testBrokers, uniqueName } from "./kafka-test-kit";
import { deploymentNames } from "./deployment-names";
import { EmbeddedRunner } from "./embedded-runner";
import { SupervisedRunner } from "./supervised-runner";
import { stallLimits } from "./stall-check";

/**
 * The runner's stall check on the real broker: a consumer that joined its
 * group with a partition holding records and then hands over nothing (as a
 * kafkajs consumer whose metadata lost the partition's leader does: it keeps
 * fetching with nothing to ask for) fails the runner; one that has read to
 * the end does not.
 */

const kafka = createKafkajsClient({ brokers: testBrokers });
afterAll(() => kafka.close());

/** The real client, with a consumer that joins (as far as its activity says) and never delivers a batch. */
function clientWithSilentConsumer(joinedAt: number): StreamClient {
  return {
    ...kafka,
    consumer: (): StreamConsumer => {
      let assignment: Record<string, number[]> = {};
      return {
        async subscribe(topics) {
          assignment = Object.fromEntries(topics.map((t) => [t.topic, [0, 1]]));
        },
        run: () => new Promise<void>(() => {}),
        async commit() {},
        activity: (): ConsumerActivity => ({ joinedAt, assignment, fetches: 300, lastFetchAt: Date.now(), batches: 0, lastBatchAt: null, positions: {} }),
        async stop() {},
      };
    },
  };
}

describe("the runner's stall check on the broker", () => {
  it("fails a runner whose consumer fetched nothing for longer than the limit while its partitions hold records, naming them", async () => {
    const input = uniqueName("stall-in");
    const output = uniqueName("stall-out");
    await createTopics([input], 2);
    await produce(input, ["a b", "c", "d e f"].map((value, i) => ({ value, partition: i % 2 })));
    const joinedAt = Date.now();
    const runner = new EmbeddedRunner({ pipelineId: uniqueName("stall"), generation: 0, guarantee: "exactly-once", document: wordCountTemplate({ input, output }), deadLetterTopic: `${output}.dlq`, client: clientWithSilentConsumer(joinedAt) });
    void runner.start(() => undefined);
    try {
      // Wait until the runner has subscribed (its consumer exists).
      for (let i = 0; i < 100 && !runner.describeActivity().includes(input); i++) await new Promise((r) => setTimeout(r, 100));
      expect(await runner.checkStalled(joinedAt + stallLimits.idleConsumerMs - 1_000)).toBeNull();
      const error = await runner.checkStalled(joinedAt + stallLimits.idleConsumerMs + 1_000);
      expect(error?.message).toMatch(new RegExp(`^The consumer has fetched no record for 31 s although ${input}/0 at 0 of 2, ${input}/1 at 0 of 1 hold records past its position; restarting from the last commit\\. Consumer: joined 31\\.0 s ago`));
    } finally {
      await runner.stop();
    }
  });

  it("leaves a runner alone whose consumer has read everything", async () => {
    const input = uniqueName("stall-done-in");
    const output = uniqueName("stall-done-out");
    await createTopics([input], 1);
    await produce(input, ["a b"].map((value) => ({ value, partition: 0 })));
    const runner = new EmbeddedRunner({ pipelineId: uniqueName("stall-done"), generation: 0, guarantee: "exactly-once", document: wordCountTemplate({ input, output }), deadLetterTopic: `${output}.dlq`, client: kafka });
    void runner.start(() => undefined);
    try {
      for (let i = 0; i < 300 && runner.counters.recordsIn < 1; i++) await new Promise((r) => setTimeout(r, 100));
      expect(runner.counters.recordsIn).toBe(1);
      expect(await runner.checkStalled(Date.now() + stallLimits.idleConsumerMs + 1_000)).toBeNull();
    } finally {
      await runner.stop();
    }
  });
});

describe("a runner whose kafkajs consumer fetches and gets nothing, on the broker", () => {
  it("shows degraded with the stall, restarts, and counts exactly", { timeout: 90_000 }, async () => {
    const input = uniqueName("stall-real-in");
    const output = uniqueName("stall-real-out");
    await createTopics([input], 2);
    await createTopics([output], 1);
    const lines = ["a b", "b c", "c a a"];
    await produce(input, lines.map((value, i) => ({ value, partition: i % 2 })));
    // The first consumer group (the first runner's) fetches and gets nothing back, as in the CI runs where a
    // runner stood at `running` after 1,118 fetches and no batch: it joined, heartbeats, fetches, idles.
    const pipelineId = uniqueName("stall-real");
    const ConsumerGroup = createRequire(import.meta.url)("kafkajs/src/consumer/consumerGroup.js") as { prototype: { fetch: (this: { groupId: string }, nodeId: number) => Promise<unknown[]> } };
    const original = ConsumerGroup.prototype.fetch;
    let stuck: object | null = null;
    ConsumerGroup.prototype.fetch = async function (nodeId) {
      if (this.groupId === deploymentNames(pipelineId, 0).groupId) stuck ??= this;
      if (stuck !== this) return original.call(this, nodeId);
      await new Promise((r) => setTimeout(r, 100));
      return [];
    };
    const statuses: string[] = [];
    const runner = new SupervisedRunner(
      { pipelineId, generation: 0, guarantee: "exactly-once", document: wordCountTemplate({ input, output }), deadLetterTopic: `${output}.dlq`, client: kafka, stallLimits: { idleConsumerMs: 3_000, checkEveryMs: 500 } },
      { onStatus: (status, error) => statuses.push(error ? `${status}: ${error}` : status) },
    );
    runner.start();
    try {
      const expected = expectedWordCounts(lines);
      const counts = await readCommitted(output, (m) => Object.entries(expected).every(([word, n]) => m.some((x) => x.value === JSON.stringify({ word, count: n }))), 60_000);
      // Each count once: the stalled runner wrote nothing, its successor everything.
      expect(counts.map((m) => m.value).sort(), `statuses: ${statuses.join(" → ")}; ${runner.runner?.describeActivity() ?? "no live runner"}`).toEqual(["a", "b", "c"].flatMap((word) => Array.from({ length: expected[word]! }, (_, i) => JSON.stringify({ word, count: i + 1 }))).sort());
      expect(statuses.slice(0, 2)).toEqual(["starting", "running"]);
      expect(statuses[2]).toMatch(new RegExp(`^degraded: The consumer has fetched no record for [3-9] s although ${input}/0 at 0 of 2, ${input}/1 at 0 of 1 hold records past its position; restarting from the last commit\\. Consumer: joined .* fetches .* \\(stopping the failed runner\\)$`));
      expect(statuses[3]).toMatch(/^degraded: The consumer has fetched no record .*\(retrying in 1 s\)$/);
      expect(statuses.at(-1)).toBe("running");
    } finally {
      ConsumerGroup.prototype.fetch = original;
      await runner.stop();
    }
  });
});
