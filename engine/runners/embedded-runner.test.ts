import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { wordCountTemplate, type PipelineDocument } from "../graph";
import { createKafkajsClient } from "../kafka/kafkajs-stream-client";
import type { StreamClient } from "../kafka/stream-client";
import { createTopics, expectedWordCounts, produce, readCommitted, testBrokers, uniqueName, type ReadMessage, ensureTestBroker } from "./kafka-test-kit";
import { firstProcessed, killRunnerProcess, spawnRunnerProcess } from "./runner-process-kit";
import { SupervisedRunner, type RunnerStatus } from "./supervised-runner";
import { deploymentNames } from "./deployment-names";
import { Kafka, logLevel } from "kafkajs";
import type { DeliveryGuarantee } from "./embedded-runner";

/**
 * The embedded engine on the real broker (started by scripts/kafka.mjs, or
 * KAFKA_BROKERS): exact word counts, crash recovery, dead letters, and
 * continuing after a stop.
 */

let client: StreamClient;

beforeAll(async () => {
  await ensureTestBroker();
  client = createKafkajsClient({ brokers: testBrokers });
});

afterAll(async () => {
  await client?.close();
});

const words = ["alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "iota", "kappa", "Lambda", "MU"];

/** Deterministic lines of 1–8 words, with the odd double space. */
function makeLines(count: number, seed = 1): string[] {
  let state = seed;
  const next = () => (state = (state * 1103515245 + 12345) % 2147483648);
  return Array.from({ length: count }, () => Array.from({ length: 1 + (next() % 8) }, () => words[next() % words.length]).join(next() % 5 === 0 ? "  " : " "));
}

function startRunner(options: { pipelineId: string; document: PipelineDocument; guarantee?: DeliveryGuarantee; deadLetterTopic: string }) {
  const statuses: { status: RunnerStatus; error: string | null }[] = [];
  const runner = new SupervisedRunner({ generation: 0, guarantee: "exactly-once", client, ...options }, { onStatus: (status, error) => statuses.push({ status, error }) });
  runner.start();
  return { runner, statuses };
}

/** The latest count per word, and whether each word's updates went up one at a time with no repeat or gap. */
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

/**
 * As summarise, for a word count emitting once per commit: each word's counts
 * must only go up (one output per commit in which the word changed); a count
 * that repeats or goes down is output of a commit that was replayed.
 */
function summariseHeld(messages: ReadMessage[]) {
  const latest: Record<string, number> = {};
  const broken: string[] = [];
  for (const m of messages) {
    const { word, count } = JSON.parse(m.value!) as { word: string; count: number };
    if (count <= (latest[word] ?? 0)) broken.push(`${word}: ${latest[word] ?? 0} → ${count}`);
    latest[word] = count;
  }
  return { latest, broken };
}

/** The word-count template, its count emitting every update (as the template does) or once per commit. */
function wordCount(input: string, output: string, emit: "update" | "commit"): PipelineDocument {
  const document = wordCountTemplate({ input, output });
  if (emit === "update") return document;
  return { ...document, nodes: document.nodes.map((node) => (node.type === "reduce" ? { ...node, data: { ...node.data, emit } } : node)) };
}

function sameCounts(expected: Record<string, number>) {
  return (messages: ReadMessage[]) => {
    const { latest } = summarise(messages);
    return Object.entries(expected).every(([word, count]) => latest[word] === count);
  };
}

describe("The embedded engine on Kafka", () => {
  it("counts words exactly across 3 partitions, and continues after a stop without reprocessing", { timeout: 180_000 }, async () => {
    const input = uniqueName("wc-in");
    const output = uniqueName("wc-out");
    await createTopics([input, output]);
    const document = wordCountTemplate({ input, output });
    const pipelineId = uniqueName("wc");
    const first = makeLines(3_000, 7);
    await produce(input, first);

    const run1 = startRunner({ pipelineId, document, deadLetterTopic: `${output}.dlq` });
    const afterFirst = await readCommitted(output, sameCounts(expectedWordCounts(first)));
    await run1.runner.stop();
    expect(summarise(afterFirst).latest).toEqual(expectedWordCounts(first));
    expect(summarise(afterFirst).broken).toEqual([]);
    expect(run1.statuses.map((s) => s.status)).toContain("running");

    const second = makeLines(500, 99);
    await produce(input, second);
    const run2 = startRunner({ pipelineId, document, deadLetterTopic: `${output}.dlq` });
    const all = [...first, ...second];
    const afterSecond = await readCommitted(output, sameCounts(expectedWordCounts(all)));
    await run2.runner.stop();
    expect(summarise(afterSecond).latest).toEqual(expectedWordCounts(all));
    // Every update of every word exactly once: no line was counted twice after the restart.
    expect(summarise(afterSecond).broken).toEqual([]);
  });

  it.each(["exactly-once", "at-least-once"] as const)("counts words exactly emitting once per commit (%s), with far fewer output records than updates", { timeout: 180_000 }, async (guarantee) => {
    const input = uniqueName("wc-held-in");
    const output = uniqueName("wc-held-out");
    await createTopics([input, output]);
    const lines = makeLines(5_000, 21);
    await produce(input, lines);
    const expected = expectedWordCounts(lines);
    const updates = Object.values(expected).reduce((sum, count) => sum + count, 0);
    const { runner } = startRunner({ pipelineId: uniqueName("wc-held"), document: wordCount(input, output, "commit"), guarantee, deadLetterTopic: `${output}.dlq` });
    const messages = await readCommitted(output, sameCounts(expected), 120_000);
    await runner.stop();
    const { latest, broken } = summariseHeld(messages);
    expect(latest).toEqual(expected);
    expect(broken).toEqual([]);
    // 12 words: at most one record per word per commit, however the input was fetched and committed.
    expect(messages.length).toBeLessThan(updates / 10);
  });

  it("commits its last offsets before it stops in at-least-once mode, so a redeploy replays nothing", { timeout: 180_000 }, async () => {
    const input = uniqueName("alo-in");
    const output = uniqueName("alo-out");
    await createTopics([input, output]);
    const options = { pipelineId: uniqueName("alo"), document: wordCountTemplate({ input, output }), guarantee: "at-least-once" as const, deadLetterTopic: `${output}.dlq` };
    const lines: string[] = [];
    // Three cycles of: new input, deploy, stop the moment the first output is committed (its offsets
    // are then still on their way). A stop that lets the consumer leave before the last offset commit
    // makes the next run count those lines again.
    for (const seed of [11, 12, 13]) {
      const more = makeLines(2_000, seed);
      lines.push(...more);
      await produce(input, more);
      const run = startRunner(options);
      const deadline = Date.now() + 60_000;
      while ((run.runner.runner?.counters.recordsIn ?? 0) === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 5));
      await run.runner.stop();
      expect(run.statuses.map((s) => s.status)).toContain("running");
    }
    const final = startRunner(options);
    const messages = await readCommitted(output, sameCounts(expectedWordCounts(lines)), 120_000);
    await final.runner.stop();
    expect(summarise(messages).latest).toEqual(expectedWordCounts(lines));
    // Every update of every word once: no line counted twice across the stops.
    expect(summarise(messages).broken).toEqual([]);
  });

  it.each([
    { emit: "update" as const, check: summarise },
    { emit: "commit" as const, check: summariseHeld },
  ])("recovers from SIGKILL in the middle of a run with exact counts and no duplicates (emit per $emit)", { timeout: 180_000 }, async ({ emit, check }) => {
    const input = uniqueName("kill-in");
    const output = uniqueName("kill-out");
    await createTopics([input, output]);
    // Enough input that the victim is still working when its first report (every 20 ms) arrives.
    const lines = makeLines(60_000, 3);
    // Emitting per commit drains a pre-loaded backlog within its first commit (the first report comes
    // after it), so that victim gets 10,000 lines before its first report and the rest only after it is
    // killed: it dies before it has all of it however slowly it starts.
    const upfront = emit === "update" ? lines.length : 5_000;
    await produce(input, lines.slice(0, upfront));
    let feeding: Promise<void> = Promise.resolve();
    let killed: () => void = () => {};
    const afterKill = new Promise<void>((resolve) => (killed = resolve));
    const options = { pipelineId: uniqueName("kill"), document: wordCount(input, output, emit), guarantee: "exactly-once", deadLetterTopic: `${output}.dlq` };
    const spawnRunner = () => spawnRunnerProcess(options);

    const victim = spawnRunner();
    feeding = (async () => {
      for (let i = upfront; i < lines.length; i += 2_500) {
        if (i >= upfront + 10_000) await afterKill;
        await produce(input, lines.slice(i, i + 2_500));
      }
    })();
    const seenBeforeKill = await firstProcessed(victim);
    await killRunnerProcess(victim, "SIGKILL");
    killed();
    expect(seenBeforeKill).toBeLessThan(lines.length);

    await feeding;
    const survivor = spawnRunner();
    try {
      const messages = await readCommitted(output, sameCounts(expectedWordCounts(lines)), 120_000);
      const { latest, broken } = check(messages);
      expect(latest).toEqual(expectedWordCounts(lines));
      expect(broken).toEqual([]);
    } finally {
      await killRunnerProcess(survivor, "SIGTERM");
    }
  });

  it("counts exactly when its consumer group rebalances mid-run (another member joins, then leaves)", { timeout: 180_000 }, async () => {
    const input = uniqueName("wc-rebalance-in");
    const output = uniqueName("wc-rebalance-out");
    await createTopics([input, output]);
    const document = wordCountTemplate({ input, output });
    const pipelineId = uniqueName("wc-rebalance");
    const lines = makeLines(20_000, 5);
    const { runner, statuses } = startRunner({ pipelineId, document, deadLetterTopic: `${output}.dlq` });
    // Feed the runner in chunks so it is in the middle of processing when the group changes.
    const feeding = (async () => {
      for (let i = 0; i < lines.length; i += 500) {
        await produce(input, lines.slice(i, i + 500));
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    })();
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    // A second member of the deployment's group forces two rebalances: when it joins and when it leaves.
    const intruder = new Kafka({ brokers: testBrokers, logLevel: logLevel.NOTHING }).consumer({ groupId: deploymentNames(pipelineId, 0).groupId, sessionTimeout: 10_000, rebalanceTimeout: 15_000 });
    await intruder.connect();
    await intruder.subscribe({ topic: input });
    await intruder.run({ autoCommit: false, eachBatch: async () => {} });
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    await intruder.disconnect();
    await feeding;
    const messages = await readCommitted(output, sameCounts(expectedWordCounts(lines)), 120_000);
    await runner.stop();
    expect(summarise(messages).latest).toEqual(expectedWordCounts(lines));
    expect(summarise(messages).broken).toEqual([]);
    expect(statuses.some(({ error }) => error?.includes("rebalanced"))).toBe(true);
  });

  it("sends a poison record to the dead-letter topic with its headers while the rest flows on", { timeout: 120_000 }, async () => {
    const input = uniqueName("poison-in");
    const output = uniqueName("poison-out");
    const deadLetters = `${output}.dlq`;
    await createTopics([input, output, deadLetters], 1);
    const document: PipelineDocument = {
      version: 1,
      nodes: [
        { id: "orders", type: "kafka-source", position: { x: 0, y: 0 }, data: { topic: input, format: "json", startFrom: "earliest" } },
        { id: "large", type: "filter", position: { x: 200, y: 0 }, data: { condition: "CAST(amount AS INT) > 10" } },
        { id: "shape", type: "map", position: { x: 400, y: 0 }, data: { fields: [{ name: "id", expression: "id" }, { name: "amount", expression: "CAST(amount AS INT)" }] } },
        { id: "out", type: "kafka-sink", position: { x: 600, y: 0 }, data: { topic: output, format: "json", key: "id" } },
      ],
      edges: [
        { id: "e1", source: "orders", target: "large" },
        { id: "e2", source: "large", target: "shape" },
        { id: "e3", source: "shape", target: "out" },
      ],
    };
    await produce(input, [
      { value: JSON.stringify({ id: "a", amount: "50" }), partition: 0 },
      { value: "{this is not json", partition: 0 },
      { value: JSON.stringify({ id: "b", amount: "lots" }), partition: 0 },
      { value: JSON.stringify({ id: "c", amount: 5 }), partition: 0 },
      { value: JSON.stringify({ id: "d", amount: 99 }), partition: 0 },
    ]);
    const { runner } = startRunner({ pipelineId: uniqueName("poison"), document, deadLetterTopic: deadLetters, guarantee: "at-least-once" });
    try {
      const out = await readCommitted(output, (m) => m.length >= 2);
      expect(out.map((m) => [m.key, JSON.parse(m.value!)])).toEqual([["a", { id: "a", amount: 50 }], ["d", { id: "d", amount: 99 }]]);
      const dead = await readCommitted(deadLetters, (m) => m.length >= 2);
      expect(dead.map((m) => m.headers)).toEqual([
        expect.objectContaining({ "streamline.error.code": "decode-error", "streamline.node.id": "orders", "streamline.source.topic": input, "streamline.source.partition": "0", "streamline.source.offset": "1" }),
        expect.objectContaining({ "streamline.error.code": "expression-error", "streamline.node.id": "large", "streamline.source.offset": "2" }),
      ]);
      expect(dead[0]!.value).toBe("{this is not json");
      expect(dead[1]!.headers["streamline.error.message"]).toMatch(/lots/);
      expect(runner.runner?.counters.deadLetters).toBe(2);
    } finally {
      await runner.stop();
    }
  });

  it("runs a windowed reduce and a join end to end", { timeout: 180_000 }, async () => {
    const orders = uniqueName("orders");
    const payments = uniqueName("payments");
    const output = uniqueName("joined");
    const totals = uniqueName("totals");
    await createTopics([orders, payments, output, totals], 1);
    const t0 = Date.UTC(2026, 0, 1);
    const document: PipelineDocument = {
      version: 1,
      nodes: [
        { id: "o", type: "kafka-source", position: { x: 0, y: 0 }, data: { topic: orders, format: "json", startFrom: "earliest" } },
        { id: "p", type: "kafka-source", position: { x: 0, y: 200 }, data: { topic: payments, format: "json", startFrom: "earliest" } },
        { id: "j", type: "join", position: { x: 200, y: 100 }, data: { leftKey: "id", rightKey: "order_id", type: "inner", within: 60_000, allowedLateness: 60_000 } },
        { id: "paid", type: "kafka-sink", position: { x: 400, y: 0 }, data: { topic: output, format: "json", key: "id" } },
        { id: "per-minute", type: "reduce", position: { x: 200, y: 300 }, data: { groupBy: ["country"], aggregations: [{ fn: "sum", field: "amount", as: "total" }, { fn: "count", as: "orders" }], window: { type: "tumbling", size: 60_000 } } },
        { id: "totals", type: "kafka-sink", position: { x: 400, y: 300 }, data: { topic: totals, format: "json", key: "country" } },
      ],
      edges: [
        { id: "e1", source: "o", target: "j", targetHandle: "left" },
        { id: "e2", source: "p", target: "j", targetHandle: "right" },
        { id: "e3", source: "j", target: "paid" },
        { id: "e4", source: "o", target: "per-minute" },
        { id: "e5", source: "per-minute", target: "totals" },
      ],
    };
    // Topics are consumed in no fixed order relative to each other, so the payments are produced
    // only after the orders went through: otherwise a payment far ahead in event time could
    // make the orders late for the join, which is correct behaviour but not this test.
    const { runner } = startRunner({ pipelineId: uniqueName("wj"), document, deadLetterTopic: `${output}.dlq` });
    await produce(orders, [
      { value: JSON.stringify({ id: 1, country: "NL", amount: 10 }), partition: 0, timestamp: t0 + 1_000 },
      { value: JSON.stringify({ id: 2, country: "NL", amount: 5 }), partition: 0, timestamp: t0 + 2_000 },
      { value: JSON.stringify({ id: 3, country: "DE", amount: 7 }), partition: 0, timestamp: t0 + 3_000 },
      { value: JSON.stringify({ id: 4, country: "DE", amount: 1 }), partition: 0, timestamp: t0 + 61_000 },
    ]);
    const deadline = Date.now() + 60_000;
    while ((runner.runner?.counters.recordsIn ?? 0) < 4 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    await produce(payments, [
      { value: JSON.stringify({ order_id: 2, method: "card" }), partition: 0, timestamp: t0 + 30_000 },
      { value: JSON.stringify({ order_id: 3, method: "cash" }), partition: 0, timestamp: t0 + 200_000 },
    ]);
    try {
      const joined = await readCommitted(output, (m) => m.length >= 1, 60_000);
      expect(joined.map((m) => JSON.parse(m.value!))).toEqual([{ id: 2, country: "NL", amount: 5, order_id: 2, method: "card" }]);
      const windows = await readCommitted(totals, (m) => m.length >= 2, 60_000);
      expect(windows.map((m) => JSON.parse(m.value!))).toEqual([
        { country: "NL", total: 15, orders: 2, window_start: t0, window_end: t0 + 60_000 },
        { country: "DE", total: 7, orders: 1, window_start: t0, window_end: t0 + 60_000 },
      ]);
    } finally {
      await runner.stop();
    }
  });
});
