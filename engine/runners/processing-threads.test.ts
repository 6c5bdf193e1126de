import { afterEach, describe, expect, it } from "vitest";
import { requireValidPipeline } from "../graph";
import type { NodeMetricsSnapshot } from "../runtime/pipeline-metrics";
import type { SourceMessage } from "../runtime/stream-record";
import { PipelineExecutor } from "./pipeline-executor";
import { mergeSamples, mergeThreadNodes, ProcessingThreads, processingThreadsSetting } from "./processing-threads";
import { linearPipeline } from "./test-pipelines";

const document = linearPipeline(
  [
    { type: "filter", data: { condition: "amount >= 50" }, id: "large" },
    { type: "map", data: { fields: [{ name: "id", expression: "id" }, { name: "category", expression: "UPPER(category)" }, { name: "gross", expression: "amount * 1.21" }] }, id: "shape" },
  ],
  { sinkKey: "id" },
);

function batch(count: number, from = 0): SourceMessage[] {
  return Array.from({ length: count }, (_, i) => {
    const n = from + i;
    // Every 97th record is not JSON: a dead letter.
    const value = n % 97 === 13 ? "{not json" : JSON.stringify({ id: `r${n}`, category: n % 2 ? "bücher" : "toys", amount: n % 100 });
    return { key: null, value: Buffer.from(value), timestamp: 1_000 + n, partition: n % 3, offset: String(n) };
  });
}

let threads: ProcessingThreads | null = null;
afterEach(async () => {
  await threads?.close();
  threads = null;
});

describe("ProcessingThreads", () => {
  it("produces what the executor produces on its own thread, dead letters included, in the order the batches were sent", { timeout: 30_000 }, async () => {
    threads = await ProcessingThreads.start(document, 2);
    const inline = new PipelineExecutor(requireValidPipeline(document));
    const batches = [batch(500, 0), batch(300, 500), batch(1, 800), batch(700, 801)];
    const results = await Promise.all(batches.map((messages) => threads!.process("in", messages, 5_000)));
    for (const [i, messages] of batches.entries()) {
      const expected = inline.processSourceBatch("in", messages, 5_000);
      expect(results[i]!.messages.map((m) => ({ ...m, value: m.value?.toString() }))).toEqual(expected.messages.map((m) => ({ ...m, value: m.value?.toString() })));
      expect(results[i]!.deadLetters).toEqual(expected.deadLetters);
    }
    const letters = results.flatMap((result) => result.deadLetters);
    expect(letters.length).toBe(16);
    // The payload of a decode error is the record's bytes, as a Buffer the producer takes.
    expect(Buffer.isBuffer(letters[0]!.payload)).toBe(true);
    expect(letters[0]!.payload!.toString()).toBe("{not json");
  });

  it("reports every node's counts summed over the threads, and the samples once they change", { timeout: 30_000 }, async () => {
    threads = await ProcessingThreads.start(document, 2);
    await Promise.all([threads.process("in", batch(400, 0), 1), threads.process("in", batch(400, 400), 1), threads.process("in", batch(400, 800), 1)]);
    const versions = new Map<string, number>();
    const first = await threads.telemetry(versions);
    const inline = new PipelineExecutor(requireValidPipeline(document));
    for (const from of [0, 400, 800]) inline.processSourceBatch("in", batch(400, from), 1);
    const expected = inline.metrics.snapshot(new Map()).nodes;
    for (const id of ["source", "large", "shape", "sink"]) {
      expect([first.nodes[id]!.recordsIn, first.nodes[id]!.recordsOut, first.nodes[id]!.errors]).toEqual([expected[id]!.recordsIn, expected[id]!.recordsOut, expected[id]!.errors]);
    }
    expect(first.samples.sink!.out.length).toBe(50);
    // Nothing changed since: no samples again.
    expect((await threads.telemetry(versions)).samples).toEqual({});
    await threads.process("in", batch(10, 2_050), 1);
    expect(Object.keys((await threads.telemetry(versions)).samples)).toContain("sink");
  });

  it("fails batches sent after it stopped", { timeout: 30_000 }, async () => {
    threads = await ProcessingThreads.start(document, 1);
    await threads.close();
    await expect(threads.process("in", batch(1), 1)).rejects.toThrow(/stopped/);
  });

  it("fails to start on a document that does not validate, with the validation's message", { timeout: 30_000 }, async () => {
    const broken = linearPipeline([{ type: "filter", data: { condition: "amount >>> 3" } }]);
    await expect(ProcessingThreads.start(broken, 1)).rejects.toThrow(/filter|condition|expression/i);
  });
});

describe("merging the threads' numbers", () => {
  const node = (recordsIn: number, busy: number, p50: number | null, p99: number | null): NodeMetricsSnapshot => ({ recordsIn, recordsOut: recordsIn - 1, errors: 1, busy, latencyP50Ms: p50, latencyP99Ms: p99 });

  it("adds counts, averages the busy share and the medians, and takes the highest p99", () => {
    expect(mergeThreadNodes([{ a: node(10, 0.5, 1, 4) }, { a: node(20, 0.1, 3, 2) }, { a: node(0, 0, null, null) }])).toEqual({
      a: { recordsIn: 30, recordsOut: 27, errors: 3, busy: expect.closeTo(0.2, 10), latencyP50Ms: 2, latencyP99Ms: 4 },
    });
    expect(mergeThreadNodes([{ a: node(1, 0, null, null) }]).a!.latencyP99Ms).toBeNull();
  });

  it("keeps the newest 50 samples over all threads, oldest first", () => {
    const samples = (from: number, count: number) => Array.from({ length: count }, (_, i) => ({ at: from + i * 2, timestamp: 0, fields: i }));
    const merged = mergeSamples([{ in: samples(0, 50), out: [] }, { in: samples(1, 50), out: samples(5, 3) }]);
    expect(merged.in.length).toBe(50);
    expect(merged.in.map((s) => s.at)).toEqual(Array.from({ length: 50 }, (_, i) => 50 + i));
    expect(merged.out.map((s) => s.at)).toEqual([5, 7, 9]);
  });
});

describe("ENGINE_PROCESSING_THREADS", () => {
  it("is 0 unless set, a whole number up to 16 when set, and an error naming the variable otherwise", () => {
    expect(processingThreadsSetting({})).toBe(0);
    expect(processingThreadsSetting({ ENGINE_PROCESSING_THREADS: " 2 " })).toBe(2);
    expect(() => processingThreadsSetting({ ENGINE_PROCESSING_THREADS: "two" })).toThrow(/ENGINE_PROCESSING_THREADS must be a whole number.*"two"/);
    expect(() => processingThreadsSetting({ ENGINE_PROCESSING_THREADS: "17" })).toThrow(/between 0 and 16/);
  });
});
