import type { LivePoint } from "@/lib/client/use-live-telemetry";
import { liveHistoryMs } from "@/lib/client/use-live-telemetry";

/** One x position of a chart: the time and one column per series; null breaks the line. */
export type ChartRow = { at: number } & Record<string, number | null>;

/** More than this between two reports means the pipeline was not running in between. */
const gapMs = 5_000;

/**
 * Chart rows from the live history. Where reports stop for a while (the pipeline was
 * stopped, the engine restarted) an empty row is inserted, so the lines break rather
 * than draw a straight bridge across time nothing was measured.
 */
export function toChartRows(
  history: readonly LivePoint[],
  columns: (point: LivePoint, index: number) => Record<string, number | null>,
): ChartRow[] {
  const rows: ChartRow[] = [];
  let previous: LivePoint | undefined;
  history.forEach((point, index) => {
    if (previous && point.at - previous.at > gapMs) rows.push({ at: previous.at + 1 } as ChartRow);
    rows.push({ at: point.at, ...columns(point, index) } as ChartRow);
    previous = point;
  });
  return rows;
}

/** Rows are merged into buckets of this size: 300 across 15 minutes, more than a chart is wide in pixels. */
export const bucketMs = 3_000;

/**
 * Merges rows into fixed 3-second buckets (aligned to the clock, so a bucket's value does
 * not move as newer rows arrive), taking each column's mean (rates) or maximum (latency,
 * lag: a spike must not be averaged away). A bucket with no values stays a gap.
 */
export function bucketRows(rows: readonly ChartRow[], combine: "mean" | "max"): ChartRow[] {
  const buckets: ChartRow[] = [];
  let current: { bucket: number; at: number; sums: Map<string, { total: number; count: number; max: number }> } | null = null;
  const flush = () => {
    if (!current) return;
    const row: Record<string, number | null> = {};
    for (const [key, value] of current.sums) row[key] = combine === "mean" ? value.total / value.count : value.max;
    buckets.push({ ...row, at: current.at } as ChartRow);
  };
  for (const row of rows) {
    const bucket = Math.floor(row.at / bucketMs);
    if (!current || current.bucket !== bucket) {
      flush();
      current = { bucket, at: row.at, sums: new Map() };
    }
    current.at = row.at;
    for (const [key, value] of Object.entries(row)) {
      if (key === "at" || typeof value !== "number") continue;
      const sum = current.sums.get(key) ?? { total: 0, count: 0, max: -Infinity };
      sum.total += value;
      sum.count++;
      sum.max = Math.max(sum.max, value);
      current.sums.set(key, sum);
    }
  }
  flush();
  return buckets;
}

/** The last 15 minutes up to `now`, the x range every chart shares. */
export function timeDomain(now: number): [number, number] {
  return [now - liveHistoryMs, now];
}

/** Ticks on whole 3-minute marks inside the domain, so labels read 14:03, 14:06, … and do not slide. */
export function timeTicks([from, to]: [number, number]): number[] {
  const step = 3 * 60_000;
  const ticks: number[] = [];
  for (let tick = Math.ceil(from / step) * step; tick <= to; tick += step) ticks.push(tick);
  return ticks;
}

/**
 * The column of the n-th series. Recharts reads a string data key as a property path,
 * so node ids and topic names (which may hold dots) cannot be keys themselves.
 */
export function seriesKey(index: number): string {
  return `s${index}`;
}
