import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { wordCountTemplate, type PipelineDocument } from "../graph";
import { planDeploy } from "../deployments/deploy-plan";
import { createKafkajsClient } from "../kafka/kafkajs-stream-client";
import type { StreamClient } from "../kafka/stream-client";
import { createTopics, expectedWordCounts, produce, readCommitted, testBrokers, uniqueName, type ReadMessage, ensureTestBroker } from "./kafka-test-kit";
import type { DeliveryGuarantee } from "./embedded-runner";
import { startOnce, type PendingStart } from "./start-position";
import { SupervisedRunner } from "./supervised-runner";

/**
 * Versions and replay on the real broker: state kept across a version whose
 * stateful nodes did not change, a reset that recounts from a timestamp, and
 * sources started at explicit offsets, all with exact counts and every
 * count going up one at a time (no record counted twice or skipped).
 */

let client: StreamClient;

beforeAll(async () => {
  await ensureTestBroker();
  client = createKafkajsClient({ brokers: testBrokers });
});

afterAll(async () => {
  await client?.close();
});

const vocabulary = ["alpha", "beta", "gamma", "delta", "mu", "nu"];

/** Deterministic lines of 1–4 words. */
function makeLines(count: number, seed: number): string[] {
  let state = seed;
  const next = () => (state = (state * 1103515245 + 12345) % 2147483648);
  return Array.from({ length: count }, () => Array.from({ length: 1 + (next() % 4) }, () => vocabulary[next() % vocabulary.length]).join(" "));
}

/** Lines with one timestamp each, spread over the 3 partitions. */
const stamped = (lines: string[], timestamp: number) => lines.map((value, i) => ({ value, partition: i % 3, timestamp }));

function run(options: { pipelineId: string; generation?: number; document: PipelineDocument; guarantee?: DeliveryGuarantee; start?: PendingStart }) {
  const runner = new SupervisedRunner({ generation: 0, guarantee: "exactly-once", client, deadLetterTopic: `${options.pipelineId}.dlq`, ...options }, { onStatus: () => {} });
  runner.start();
  return runner;
}

/** The latest count per word, and any update that was not exactly one more than the last. */
function summarise(messages: ReadMessage[]) {
  const latest: Record<string, number> = {};
  const broken: string[] = [];
  for (const m of messages) {
    const { word, count } = JSON.parse(m.value!) as { word: string; count: number };
    if (count !== (latest[word] ?? 0) + 1) broken.push(`${word}: ${latest[word] ?? 0} → ${count}`);
    latest[word] = count;
  }
  return { latest, broken };
}

const reaches = (expected: Record<string, number>) => (messages: ReadMessage[]) => {
  const { latest } = summarise(messages);
  return Object.entries(expected).every(([word, count]) => latest[word] === count);
};

function add(...counts: Record<string, number>[]): Record<string, number> {
  const total: Record<string, number> = {};
  for (const c of counts) for (const [word, n] of Object.entries(c)) total[word] = (total[word] ?? 0) + n;
  return total;
}

const without = (counts: Record<string, number>, word: string) => Object.fromEntries(Object.entries(counts).filter(([w]) => w !== word));

describe("Versions and replay on Kafka", () => {
  it("keeps state across a filter change, then recounts exactly from a timestamp after a reset", { timeout: 240_000 }, async () => {
    const input = uniqueName("replay-in");
    const out = uniqueName("replay-out");
    const out3 = uniqueName("replay-out3");
    await createTopics([input, out, out3]);
    const pipelineId = uniqueName("replay");
    const base = Date.now() - 3_600_000;
    const [a, b, c] = [makeLines(300, 1), makeLines(300, 2), makeLines(300, 3)];
    const [tA, tB, tC] = [base, base + 600_000, base + 1_200_000];

    // v1: the word count.
    const v1 = wordCountTemplate({ input, output: out });
    await produce(input, stamped(a, tA));
    const r1 = run({ pipelineId, document: v1 });
    await readCommitted(out, reaches(expectedWordCounts(a)));
    await r1.stop();

    // v2: the filter also drops "mu"; the count's configuration is unchanged, so its state is kept and counts continue.
    const v2 = wordCountTemplate({ input, output: out });
    v2.nodes.find((n) => n.id === "non-empty")!.data.condition = "CHAR_LENGTH(word) > 0 AND word <> 'mu'";
    expect(planDeploy({ version: 2, document: v2, previous: { version: 1, document: v1, generation: 0 }, reset: false }).stateful).toMatchObject([{ nodeId: "count", state: "kept" }]);
    await produce(input, stamped(b, tB));
    const r2 = run({ pipelineId, document: v2 });
    const expected2 = add(expectedWordCounts(a), without(expectedWordCounts(b), "mu"));
    const after2 = await readCommitted(out, reaches(expected2));
    await r2.stop();
    expect(summarise(after2).latest).toEqual(expected2);
    expect(summarise(after2).broken).toEqual([]);

    // v3: reset (generation 1) and start from tB: the counts restart from zero and cover exactly b and c.
    const v3 = structuredClone(v2);
    v3.nodes.find((n) => n.id === "counts")!.data.topic = out3;
    const plan = planDeploy({ version: 3, document: v3, previous: { version: 2, document: v2, generation: 0 }, reset: true, startAt: { from: "timestamp", timestamp: tB } });
    expect(plan).toMatchObject({ generation: 1, stateful: [{ nodeId: "count", state: "reset" }], sources: [{ resumes: "timestamp" }] });
    await produce(input, stamped(c, tC));
    let applied = 0;
    const start = startOnce({ from: "timestamp", timestamp: tB }, async () => void applied++);
    const r3 = run({ pipelineId, generation: 1, document: v3, start });
    const expected3 = without(add(expectedWordCounts(b), expectedWordCounts(c)), "mu");
    const after3 = await readCommitted(out3, reaches(expected3));
    await r3.stop();
    expect(summarise(after3).latest).toEqual(expected3);
    expect(summarise(after3).broken).toEqual([]);
    expect(applied).toBe(1);

    // The same deployment started again (as after a crash) continues from its committed offsets: the start is not applied twice.
    const d = makeLines(60, 4);
    await produce(input, stamped(d, tC + 1000));
    const r4 = run({ pipelineId, generation: 1, document: v3, start });
    const expected4 = without(add(expected3, expectedWordCounts(d)), "mu");
    const after4 = await readCommitted(out3, reaches(expected4));
    await r4.stop();
    expect(summarise(after4).latest).toEqual(expected4);
    expect(summarise(after4).broken).toEqual([]);
    expect(applied).toBe(1);
  });

  it("starts sources at explicit offsets per partition (at-least-once, committed through the group)", { timeout: 180_000 }, async () => {
    const input = uniqueName("offsets-in");
    const output = uniqueName("offsets-out");
    await createTopics([input, output]);
    const lines = makeLines(90, 5);
    await produce(input, lines.map((value, i) => ({ value, partition: i % 3 })));
    // Offsets within a partition follow the order produced: line i is offset floor(i / 3) of partition i % 3.
    const from = [10, 0, 25];
    const kept = lines.filter((_, i) => Math.floor(i / 3) >= from[i % 3]!);
    const start = startOnce({ from: "offsets", offsets: from.map((offset, partition) => ({ topic: input, partition, offset: String(offset) })) });
    const runner = run({ pipelineId: uniqueName("offsets"), document: wordCountTemplate({ input, output }), guarantee: "at-least-once", start });
    const messages = await readCommitted(output, reaches(expectedWordCounts(kept)));
    await runner.stop();
    expect(summarise(messages).latest).toEqual(expectedWordCounts(kept));
    expect(summarise(messages).broken).toEqual([]);
  });
});
