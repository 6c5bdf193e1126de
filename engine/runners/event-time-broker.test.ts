import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PipelineDocument } from "../graph";
import type { WindowSpec } from "../operators/reduce/description";
import { createKafkajsClient } from "../kafka/kafkajs-stream-client";
import type { StreamClient } from "../kafka/stream-client";
import { backlog, joinIdsPipeline, referencePairs, referenceWindows, sortWindows, windowedCountPipeline, type BacklogRecord } from "./event-time-cases";
import { createTopics, produce, readCommitted, testBrokers, uniqueName, type ReadMessage, ensureTestBroker } from "./kafka-test-kit";
import { firstProcessed, killRunnerProcess, spawnRunnerProcess } from "./runner-process-kit";
import { SupervisedRunner } from "./supervised-runner";

/**
 * Event time on the real broker: 3-partition topics filled with an uneven
 * backlog BEFORE the pipeline is deployed (startFrom earliest), which is when
 * one partition is read far ahead of the others. Every partition ends with a
 * record at the same time (`end`), so the final watermark is `end − delay`
 * whichever order partitions go idle in, and the windows are known exactly.
 */

let client: StreamClient;

beforeAll(async () => {
  await ensureTestBroker();
  client = createKafkajsClient({ brokers: testBrokers });
});

afterAll(async () => {
  await client?.close();
});

const t0 = Date.UTC(2026, 0, 1);
const span = 60_000;
const delay = 2_000;
const end = t0 + span + 5_000;

/** A backlog on the given partitions, each closed by a record at `end`. */
function closedBacklog(counts: number[], seed: number): BacklogRecord[] {
  const records = backlog({ counts, start: t0, span, delay, keys: ["a", "b", "c"], seed });
  counts.forEach((count, partition) => {
    if (count > 0) records.push({ partition, timestamp: end, key: "z", id: 1_000_000 + partition });
  });
  return records;
}

const message = (r: BacklogRecord) => ({ value: JSON.stringify({ k: r.key, id: r.id }), partition: r.partition, timestamp: r.timestamp });

/** Renames a test pipeline's topics. */
function withTopics(document: PipelineDocument, topics: Record<string, string>): PipelineDocument {
  return { ...document, nodes: document.nodes.map((n) => (n.type === "kafka-source" || n.type === "kafka-sink" ? { ...n, data: { ...n.data, topic: topics[n.data.topic as string] ?? n.data.topic } } : n)) };
}

const windowsOf = (messages: ReadMessage[]) =>
  sortWindows(messages.map((m) => JSON.parse(m.value!) as { k: string; n: number; window_start: number; window_end: number }).map(({ k, n, window_start, window_end }) => ({ k, n, window_start, window_end })));

const windows: [string, WindowSpec][] = [
  ["tumbling", { type: "tumbling", size: 10_000 }],
  ["hopping", { type: "hopping", size: 10_000, slide: 5_000 }],
  ["session", { type: "session", gap: 1_500 }],
];

describe("event time on the real broker, over a backlog filled before deploy", () => {
  it("gives exactly the reference windows for tumbling, hopping and session windows, with and without an idle partition, and dead-letters truly late records", { timeout: 300_000 }, async () => {
    const cases = windows.flatMap(([name, window]) => [
      { name: `${name}-all`, window, records: closedBacklog([600, 200, 80], 21), idle: false },
      // Partition 2 stays empty: it holds the watermark until its idle timeout.
      { name: `${name}-idle`, window, records: closedBacklog([500, 150, 0], 22), idle: true },
    ]);
    const prepared = await Promise.all(
      cases.map(async (c) => {
        const input = uniqueName(`et-${c.name}-in`);
        const output = uniqueName(`et-${c.name}-out`);
        await createTopics([input, output], 3);
        await produce(input, c.records.map(message));
        const document = withTopics(windowedCountPipeline(c.window, { watermarkDelayMs: delay, idleTimeoutMs: 2_000 }), { in: input, out: output });
        return { ...c, input, output, expected: referenceWindows(c.records, c.window, end - delay), dlq: `${output}.dlq` };
      }),
    );
    const runners = prepared.map((p) => {
      const runner = new SupervisedRunner({ pipelineId: uniqueName(`et-${p.name}`), generation: 0, guarantee: "exactly-once", document: withTopics(windowedCountPipeline(p.window, { watermarkDelayMs: delay, idleTimeoutMs: 2_000 }), { in: p.input, out: p.output }), deadLetterTopic: p.dlq, client }, { onStatus: () => {} });
      runner.start();
      return runner;
    });
    try {
      for (const p of prepared) {
        const out = await readCommitted(p.output, (m) => m.length >= p.expected.length, 60_000);
        expect(windowsOf(out), p.name).toEqual(p.expected);
        expect(out.length, `${p.name}: each window once`).toBe(p.expected.length);
      }
      // Truly late: far behind the watermark of every partition, after the windows were emitted.
      // Telemetry: the watermark of each count node, and no late record yet.
      for (const [i, p] of prepared.entries()) {
        const telemetry = await runners[i]!.runner!.telemetry(new Map());
        expect(telemetry.nodes.count, p.name).toMatchObject({ watermark: end - delay, lateRecords: 0 });
      }
      const late = prepared.filter((p) => !p.idle);
      await Promise.all(late.map((p) => produce(p.input, [0, 1, 2].map((partition) => ({ value: JSON.stringify({ k: "a", id: 9_000 + partition }), partition, timestamp: t0 + 100 })))));
      for (const p of late) {
        const letters = await readCommitted(p.dlq, (m) => m.length >= 3, 90_000);
        expect(letters.map((l) => [l.headers["streamline.error.code"], l.headers["streamline.node.id"]]), p.name).toEqual([0, 1, 2].map(() => ["late-record", "count"]));
        expect((await runners[prepared.indexOf(p)]!.runner!.telemetry(new Map())).nodes.count?.lateRecords, p.name).toBe(3);
        // Nothing else changed: the output is still exactly the reference.
        // (Read until every window is there again: a new reader's group join can take longer than a second under load.)
        const after = await readCommitted(p.output, (m) => m.length >= p.expected.length, 60_000);
        expect(windowsOf(after), p.name).toEqual(p.expected);
        expect(after.length, `${p.name}: no window written again`).toBe(p.expected.length);
      }
    } finally {
      await Promise.all(runners.map((r) => r.stop()));
    }
  });

  it("joins exactly the reference pairs with both sides' partitions in a backlog", { timeout: 120_000 }, async () => {
    const left = backlog({ counts: [400, 100], start: t0, span, delay, keys: ["a", "b", "c", "d"], seed: 31 });
    const right = backlog({ counts: [80, 300], start: t0, span, delay, keys: ["a", "b", "c", "d"], seed: 32 }).map((r) => ({ ...r, id: r.id + 10_000 }));
    const topics = { left: uniqueName("et-join-left"), right: uniqueName("et-join-right"), out: uniqueName("et-join-out") };
    await createTopics([topics.left, topics.right], 2);
    await createTopics([topics.out], 1);
    await produce(topics.left, left.map(message));
    await produce(topics.right, right.map(message));
    const expected = referencePairs(left, right, 1_000);
    const runner = new SupervisedRunner({ pipelineId: uniqueName("et-join"), generation: 0, guarantee: "exactly-once", document: withTopics(joinIdsPipeline(1_000, { watermarkDelayMs: delay, idleTimeoutMs: 0 }), topics), deadLetterTopic: `${topics.out}.dlq`, client }, { onStatus: () => {} });
    runner.start();
    try {
      const out = await readCommitted(topics.out, (m) => m.length >= expected.length, 60_000);
      expect(out.map((m) => String((JSON.parse(m.value!) as { pair: string }).pair)).sort()).toEqual(expected);
    } finally {
      await runner.stop();
    }
  });

  it("gives the same windows after a SIGKILL in the middle of a windowed backlog as an uninterrupted run", { timeout: 240_000 }, async () => {
    const records = closedBacklog([40_000, 15_000, 5_000], 41);
    const input = uniqueName("et-kill-in");
    const output = uniqueName("et-kill-out");
    await createTopics([input, output], 3);
    await produce(input, records.map(message));
    const window: WindowSpec = { type: "tumbling", size: 5_000 };
    const expected = referenceWindows(records, window, end - delay);
    const options = { pipelineId: uniqueName("et-kill"), document: withTopics(windowedCountPipeline(window, { watermarkDelayMs: delay }), { in: input, out: output }), guarantee: "exactly-once", deadLetterTopic: `${output}.dlq` };
    const spawnRunner = () => spawnRunnerProcess(options, 5);

    const victim = spawnRunner();
    const seenBeforeKill = await firstProcessed(victim);
    await killRunnerProcess(victim, "SIGKILL");
    expect(seenBeforeKill).toBeLessThan(records.length);

    const survivor = spawnRunner();
    try {
      const out = await readCommitted(output, (m) => m.length >= expected.length, 150_000);
      expect(windowsOf(out)).toEqual(expected);
      expect(out.length).toBe(expected.length);
      const letters = await readCommitted(`${output}.dlq`, () => true, 500);
      expect(letters).toEqual([]);
    } finally {
      await killRunnerProcess(survivor, "SIGTERM");
    }
  });
});
