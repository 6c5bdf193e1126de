import type { PipelineDocument } from "../graph";
import type { WindowSpec } from "../operators/reduce/description";
import { windowStarts } from "../operators/reduce/embedded";

/**
 * Uneven multi-partition backlogs and the results they must give, computed
 * directly from the records (not by the engine): shared by the test-driver
 * tests, the real-broker tests and the Flink differential suite, so all three
 * check the same event-time semantics.
 */

/** One input record of a backlog: its partition, event time and group key. */
export type BacklogRecord = { partition: number; timestamp: number; key: string; id: number };

/** A deterministic pseudo-random sequence in [0, 1) (a linear congruential generator), so a backlog is the same on every run. */
export function seededRandom(seed: number): () => number {
  let state = seed % 2147483648;
  return () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
}

/**
 * Per partition `counts[p]` records whose event times advance by `step` ms on
 * average, each out of order by less than `delay` ms (every record is at
 * least its partition's largest earlier time minus the delay), with keys
 * from `keys`. Partitions cover the same span of event time at different
 * densities, so one partition read ahead of the others overtakes them.
 */
export function backlog(options: { counts: number[]; start: number; span: number; delay: number; keys: string[]; seed: number }): BacklogRecord[] {
  const random = seededRandom(options.seed);
  const records: BacklogRecord[] = [];
  let id = 0;
  options.counts.forEach((count, partition) => {
    const step = count > 0 ? options.span / count : 0;
    for (let i = 0; i < count; i++) {
      const jitter = options.delay > 0 ? Math.floor(random() * options.delay) : 0;
      records.push({ partition, timestamp: Math.floor(options.start + i * step) + jitter, key: options.keys[Math.floor(random() * options.keys.length)]!, id: id++ });
    }
  });
  return records;
}

/** The watermark a source reaches on these records: min over the non-idle partitions of (largest time − delay). */
export function finalWatermark(records: BacklogRecord[], partitions: number[], delay: number): number {
  return Math.min(...partitions.map((p) => Math.max(...records.filter((r) => r.partition === p).map((r) => r.timestamp)) - delay));
}

/** A windowed count per key, as a reduce emits it. */
export type WindowCount = { k: string; n: number; window_start: number; window_end: number };

/** The windows a count per key must emit once the watermark is `watermark`: every window whose end plus lateness it has reached. */
export function referenceWindows(records: BacklogRecord[], window: WindowSpec, watermark: number, lateness = 0): WindowCount[] {
  const counts = new Map<string, WindowCount>();
  if (window.type === "session") {
    const byKey = new Map<string, number[]>();
    for (const r of records) byKey.set(r.key, [...(byKey.get(r.key) ?? []), r.timestamp]);
    for (const [k, times] of byKey) {
      times.sort((a, b) => a - b);
      let start = times[0]!;
      let last = times[0]!;
      let n = 0;
      const close = () => {
        if (last + window.gap + lateness <= watermark) counts.set(`${k}|${start}`, { k, n, window_start: start, window_end: last + window.gap });
      };
      for (const t of times) {
        if (t - last > window.gap) {
          close();
          start = t;
          n = 0;
        }
        last = t;
        n++;
      }
      close();
    }
  } else {
    for (const r of records) {
      for (const start of windowStarts(window, r.timestamp)) {
        const end = start + window.size;
        if (end + lateness > watermark) continue;
        const id = `${r.key}|${start}`;
        const current = counts.get(id) ?? { k: r.key, n: 0, window_start: start, window_end: end };
        current.n++;
        counts.set(id, current);
      }
    }
  }
  return sortWindows([...counts.values()]);
}

/** Windows in a stable order, for comparing sets. */
export function sortWindows<T extends { k?: unknown; window_start?: unknown }>(windows: T[]): T[] {
  return [...windows].sort((a, b) => Number(a.window_start) - Number(b.window_start) || String(a.k).localeCompare(String(b.k)));
}

/** The pairs an inner interval join must emit: equal keys, times at most `within` apart, as `left id-right id`. */
export function referencePairs(left: BacklogRecord[], right: BacklogRecord[], within: number): string[] {
  const pairs: string[] = [];
  for (const l of left) for (const r of right) if (l.key === r.key && Math.abs(l.timestamp - r.timestamp) <= within) pairs.push(`${l.id}-${r.id}`);
  return pairs.sort();
}

/** A json source on `in` counting records per `k` in the given window into `out`, keyed by `k`. */
export function windowedCountPipeline(window: WindowSpec, source: Record<string, unknown> = {}, lateness?: number): PipelineDocument {
  return {
    version: 1,
    nodes: [
      { id: "source", type: "kafka-source", position: { x: 0, y: 0 }, data: { topic: "in", format: "json", startFrom: "earliest", ...source } },
      { id: "count", type: "reduce", position: { x: 200, y: 0 }, data: { groupBy: ["k"], aggregations: [{ fn: "count", as: "n" }], window, ...(lateness === undefined ? {} : { allowedLateness: lateness }) } },
      { id: "sink", type: "kafka-sink", position: { x: 400, y: 0 }, data: { topic: "out", format: "json", key: "k" } },
    ],
    edges: [
      { id: "e1", source: "source", target: "count", targetHandle: null },
      { id: "e2", source: "count", target: "sink", targetHandle: null },
    ],
  };
}

/** An inner interval join of `left` and `right` on `k` into `out`, projecting the ids so pairs can be compared. */
export function joinIdsPipeline(within: number, source: Record<string, unknown> = {}): PipelineDocument {
  return {
    version: 1,
    nodes: [
      { id: "l", type: "kafka-source", position: { x: 0, y: 0 }, data: { topic: "left", format: "json", startFrom: "earliest", ...source } },
      { id: "r", type: "kafka-source", position: { x: 0, y: 200 }, data: { topic: "right", format: "json", startFrom: "earliest", ...source } },
      { id: "lm", type: "map", position: { x: 150, y: 0 }, data: { fields: [{ name: "k", expression: "k" }, { name: "lid", expression: "id" }] } },
      { id: "rm", type: "map", position: { x: 150, y: 200 }, data: { fields: [{ name: "rk", expression: "k" }, { name: "rid", expression: "id" }] } },
      { id: "j", type: "join", position: { x: 300, y: 100 }, data: { leftKey: "k", rightKey: "rk", type: "inner", within } },
      { id: "pm", type: "map", position: { x: 450, y: 100 }, data: { fields: [{ name: "pair", expression: "CAST(lid AS STRING) || '-' || CAST(rid AS STRING)" }] } },
      { id: "sink", type: "kafka-sink", position: { x: 600, y: 100 }, data: { topic: "out", format: "json" } },
    ],
    edges: [
      { id: "e1", source: "l", target: "lm", targetHandle: null },
      { id: "e2", source: "r", target: "rm", targetHandle: null },
      { id: "e3", source: "lm", target: "j", targetHandle: "left" },
      { id: "e4", source: "rm", target: "j", targetHandle: "right" },
      { id: "e5", source: "j", target: "pm", targetHandle: null },
      { id: "e6", source: "pm", target: "sink", targetHandle: null },
    ],
  };
}
