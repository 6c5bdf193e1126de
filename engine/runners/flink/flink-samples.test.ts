import { describe, expect, it } from "vitest";
import { requireValidPipeline, wordCountTemplate } from "../../graph";
import { sampleSize } from "../../runtime/pipeline-metrics";
import { endToEndLatencies, latencyKeyOf, nodeSamples, parseFlinkSample, samplesSince, visibleAt, type FlinkSample } from "./flink-samples";

const document = requireValidPipeline(wordCountTemplate({ input: "in", output: "out" }));
const row = (node: string, at: number, fields: unknown, timestamp = at - 10) => JSON.stringify({ node, sample: JSON.stringify({ at, timestamp, fields }) });

describe("Flink samples", () => {
  it("reads the job's sample rows, and shows a cut one as its text", () => {
    expect(parseFlinkSample(row("words", 1000, { word: "to" }))).toEqual({ key: "words", sample: { at: 1000, timestamp: 990, fields: { word: "to" } } });
    expect(parseFlinkSample(JSON.stringify({ node: "words", sample: '{"at":1,"timestamp":1,"fields":{"text":"abc' }))).toEqual({ key: "words", sample: { at: 0, timestamp: 0, fields: '{"at":1,"timestamp":1,"fields":{"text":"abc…', truncated: true } });
    expect(parseFlinkSample("not json")).toBeNull();
    expect(parseFlinkSample(JSON.stringify({ node: 1, sample: "{}" }))).toBeNull();
    expect(parseFlinkSample(null)).toBeNull();
  });

  it("gives each node its outputs' samples out and its inputs' in; a source's in are its out, a sink's its topic's records", () => {
    const samples = [row("lines", 1, { text: "a b" }), row("words", 2, { text: "a b", word: "a" }), row("non-empty", 3, { text: "a b", word: "a" })].map((v) => parseFlinkSample(v)!);
    const tail = [{ at: 4, timestamp: 4, fields: { word: "a", count: 1 } }];
    const result = nodeSamples(document, samples, { counts: tail });
    expect(result.lines!.out.map((s) => s.fields)).toEqual([{ text: "a b" }]);
    expect(result.lines!.in).toEqual(result.lines!.out);
    expect(result.words!.in.map((s) => s.fields)).toEqual([{ text: "a b" }]);
    expect(result.words!.out.map((s) => s.fields)).toEqual([{ text: "a b", word: "a" }]);
    // The reduce's output is an updating result: not sampled, its in are the filter's out.
    expect(result.count!.in.map((s) => s.at)).toEqual([3]);
    expect(result.count!.out).toEqual([]);
    expect(result.counts).toEqual({ in: tail, out: tail });
  });

  it("keeps the newest samples per node, at most as many as the embedded engine", () => {
    const samples: FlinkSample[] = Array.from({ length: sampleSize + 20 }, (_, i) => ({ key: "words", sample: { at: 1000 - i, timestamp: 0, fields: i } }));
    const out = nodeSamples(document, samples, {}).words!.out;
    expect(out).toHaveLength(sampleSize);
    expect(out[0]!.at).toBe(1000 - sampleSize + 1);
    expect(out.at(-1)!.at).toBe(1000);
  });

  it("keeps a job's own samples: those taken since it started", () => {
    const samples = [{ key: "words", sample: { at: 5, timestamp: 0, fields: null } }, { key: "words", sample: { at: 15, timestamp: 0, fields: null } }];
    expect(samplesSince(samples, 10).map((s) => s.sample.at)).toEqual([15]);
  });

  it("measures a sink's latency on its input's samples, or up to the nearest sampled output", () => {
    expect(latencyKeyOf(document, { sampled: ["lines", "words", "non-empty"] }, "counts")).toBe("non-empty");
    expect(latencyKeyOf(document, { sampled: ["lines"] }, "counts")).toBe("lines");
    expect(latencyKeyOf(document, { sampled: [] }, "counts")).toBeNull();
  });

  it("counts a record visible when the first checkpoint after it completes (exactly-once), or at once", () => {
    const checkpoints = [{ triggeredAt: 100, completedAt: 130 }, { triggeredAt: 200, completedAt: 260 }];
    expect(visibleAt(150, true, checkpoints)).toBe(260);
    expect(visibleAt(90, true, checkpoints)).toBe(130);
    expect(visibleAt(201, true, checkpoints)).toBeNull();
    expect(visibleAt(201, false, checkpoints)).toBe(201);
    expect(endToEndLatencies([{ at: 150, timestamp: 120, fields: {} }, { at: 250, timestamp: 240, fields: {} }], true, checkpoints)).toEqual([{ visibleAt: 260, ms: 140 }]);
  });
});
