import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PipelineDocument } from "../graph";
import { createKafkajsClient } from "../kafka/kafkajs-stream-client";
import type { StreamClient } from "../kafka/stream-client";
import { createTopics, produce, readCommitted, uniqueName, testBrokers, type ReadMessage, ensureTestBroker } from "./kafka-test-kit";
import { firstProcessed, killRunnerProcess, spawnRunnerProcess } from "./runner-process-kit";
import { SupervisedRunner, type RunnerStatus } from "./supervised-runner";

/**
 * A stateless pipeline processing on worker threads (RunnerOptions.processingThreads)
 * on the real broker: the same exactly-once output as on one thread, each
 * partition's order kept, dead letters, telemetry, and recovery from SIGKILL.
 */

let client: StreamClient;

beforeAll(async () => {
  await ensureTestBroker();
  client = createKafkajsClient({ brokers: testBrokers });
});

afterAll(async () => {
  await client?.close();
});

/** source → filter amount >= 50 → map {p, seq, gross} → sink keyed by the source partition, so each input partition's records stay in one output partition, in order. */
function pipeline(input: string, output: string): PipelineDocument {
  return {
    version: 1,
    nodes: [
      { id: "orders", type: "kafka-source", position: { x: 0, y: 0 }, data: { topic: input, format: "json", startFrom: "earliest" } },
      { id: "large", type: "filter", position: { x: 200, y: 0 }, data: { condition: "amount >= 50" } },
      { id: "shape", type: "map", position: { x: 400, y: 0 }, data: { fields: [{ name: "p", expression: "p" }, { name: "seq", expression: "seq" }, { name: "gross", expression: "amount * 2" }] } },
      { id: "out", type: "kafka-sink", position: { x: 600, y: 0 }, data: { topic: output, format: "json", key: "p" } },
    ],
    edges: [
      { id: "e1", source: "orders", target: "large" },
      { id: "e2", source: "large", target: "shape" },
      { id: "e3", source: "shape", target: "out" },
    ],
  };
}

/** Padding, so a partition's backlog spans several fetches (1 MB each) and a commit gathers several batches of one partition. */
const pad = "x".repeat(200);

/** Records numbered per partition over uneven partitions (about 70%, 25% and 5%); every 1,000th is not JSON. */
function records(count: number) {
  const counters: number[] = [];
  return Array.from({ length: count }, (_, i) => {
    const share = (i * 2654435761) % 100;
    const partition = share < 70 ? 0 : share < 95 ? 1 : 2;
    const seq = (counters[partition] = (counters[partition] ?? -1) + 1);
    return { value: i % 1_000 === 999 ? `{broken ${i}` : JSON.stringify({ p: partition, seq, amount: (i * 7) % 100, pad }), partition };
  });
}

/** What the sink must hold: per partition, the sequence numbers that pass the filter, in order. */
function expectedOutput(input: ReturnType<typeof records>): Record<string, number[]> {
  const expected: Record<string, number[]> = { "0": [], "1": [], "2": [] };
  for (const { value } of input) {
    if (value.startsWith("{broken")) continue;
    const { p, seq, amount } = JSON.parse(value) as { p: number; seq: number; amount: number };
    if (amount >= 50) expected[String(p)]!.push(seq);
  }
  return expected;
}

function outputByPartition(messages: ReadMessage[]): Record<string, number[]> {
  const seen: Record<string, number[]> = { "0": [], "1": [], "2": [] };
  for (const message of messages) seen[message.key!]!.push((JSON.parse(message.value!) as { seq: number }).seq);
  return seen;
}

const total = (byPartition: Record<string, number[]>) => Object.values(byPartition).reduce((sum, list) => sum + list.length, 0);

describe("Processing threads on Kafka", () => {
  it("writes exactly the output of one thread, in each partition's order, with dead letters and summed telemetry (exactly-once, 2 threads)", { timeout: 180_000 }, async () => {
    const input = uniqueName("threads-in");
    const output = uniqueName("threads-out");
    const deadLetters = `${output}.dlq`;
    await createTopics([input, output, deadLetters]);
    const data = records(30_000);
    await produce(input, data);
    const expected = expectedOutput(data);
    const statuses: RunnerStatus[] = [];
    const runner = new SupervisedRunner(
      { pipelineId: uniqueName("threads"), generation: 0, document: pipeline(input, output), guarantee: "exactly-once", deadLetterTopic: deadLetters, client, processingThreads: 2 },
      { onStatus: (status) => statuses.push(status) },
    );
    runner.start();
    try {
      const out = await readCommitted(output, (messages) => messages.length >= total(expected), 120_000);
      expect(outputByPartition(out)).toEqual(expected);
      const dead = await readCommitted(deadLetters, (messages) => messages.length >= 30);
      expect(dead.length).toBe(30);
      expect(dead.every((message) => message.headers["streamline.error.code"] === "decode-error" && message.headers["streamline.node.id"] === "orders")).toBe(true);
      expect(dead.map((message) => message.value).sort()).toEqual(data.filter(({ value }) => value.startsWith("{broken")).map(({ value }) => value).sort());
      const telemetry = await runner.runner!.telemetry(new Map());
      expect(telemetry.nodes.orders!.recordsIn).toBe(30_000);
      expect(telemetry.nodes.out!.recordsOut).toBe(total(expected));
      expect(telemetry.nodes.orders!.errors).toBe(30);
      expect(telemetry.samples.out!.out.length).toBeGreaterThan(0);
      expect(runner.runner!.counters.recordsOut).toBe(total(expected));
      expect(statuses).not.toContain("failed");
    } finally {
      await runner.stop();
    }
  });

  it("recovers from SIGKILL in the middle of a run with exactly the expected output and no duplicates", { timeout: 180_000 }, async () => {
    const input = uniqueName("threads-kill-in");
    const output = uniqueName("threads-kill-out");
    await createTopics([input, output]);
    const data = records(90_000);
    const upfront = 30_000;
    await produce(input, data.slice(0, upfront));
    const options = { pipelineId: uniqueName("threads-kill"), document: pipeline(input, output), guarantee: "exactly-once", deadLetterTopic: `${output}.dlq`, processingThreads: 2 };
    const spawnRunner = () => spawnRunnerProcess(options, 20);

    const victim = spawnRunner();
    const seenBeforeKill = await firstProcessed(victim);
    await killRunnerProcess(victim, "SIGKILL");
    // Killed after its first commit and before it had all of the input (the rest is produced only now).
    expect(seenBeforeKill).toBeLessThan(data.length);
    await produce(input, data.slice(upfront));
    const expected = expectedOutput(data);
    const survivor = spawnRunner();
    try {
      const out = await readCommitted(output, (messages) => messages.length >= total(expected), 120_000);
      // Exactly once: every expected record, none twice, each partition in order.
      expect(outputByPartition(out)).toEqual(expected);
    } finally {
      await killRunnerProcess(survivor, "SIGTERM");
    }
  });
});
