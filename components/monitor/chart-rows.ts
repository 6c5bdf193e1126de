import type { LivePoint } from "@/lib/client/use-live-telemetry";

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

/** Rows are merged into buckets of this size: 300 across 15 minutes (1,200 across the hour), about as many as a chart is wide in pixels. */
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
    // A gap marker (a row without values, see toChartRows) must survive bucketing, or the line bridges the gap.
    if (Object.keys(row).length === 1) {
      flush();
      current = null;
      buckets.push({ at: row.at } as ChartRow);
      continue;
    }
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

/** What the charts' time range picker offers: since the deployment started (at most 15 minutes), or a fixed span. */
export type ChartRange = "auto" | "5m" | "15m" | "1h";

export const chartRangeMs: Record<Exclude<ChartRange, "auto">, number> = { "5m": 5 * 60_000, "15m": 15 * 60_000, "1h": 60 * 60_000 };

/** The shortest automatic range: a few seconds of data still get a readable axis rather than a zoom onto noise. */
const minAutoRangeMs = 60_000;
/** The longest automatic range, after which the user picks 5 m, 15 m or 1 h. */
const maxAutoRangeMs = 15 * 60_000;

/**
 * The x range every chart shares, ending at `now`. `auto` starts where the data
 * starts (`since`: the deployment's start, else the first point), so a fresh
 * deployment's 30 seconds fill the chart instead of being a spike at the right
 * edge of 15 minutes; it spans at least a minute and at most 15 minutes.
 */
export function timeDomain(now: number, range: ChartRange = "15m", since: number | null = null): [number, number] {
  if (range !== "auto") return [now - chartRangeMs[range], now];
  if (since === null) return [now - maxAutoRangeMs, now];
  const span = Math.min(maxAutoRangeMs, Math.max(minAutoRangeMs, now - since));
  return [now - span, now];
}

/** The rows inside a domain, plus the last one before it so the lines enter from the left edge. */
export function rowsInDomain(rows: readonly ChartRow[], [from]: [number, number]): ChartRow[] {
  const first = rows.findIndex((row) => row.at >= from);
  if (first === -1) return rows.length > 0 ? [rows.at(-1)!] : [];
  return rows.slice(Math.max(0, first - 1));
}

/** Tick spacings to choose from, so a minute-long axis ticks every 10 s and an hour every 10 minutes. */
const tickSteps = [10_000, 15_000, 30_000, 60_000, 2 * 60_000, 3 * 60_000, 5 * 60_000, 10 * 60_000, 15 * 60_000, 30 * 60_000];

/** The tick spacing for a domain: the smallest of `tickSteps` that cuts it into at most six intervals (seven ticks). */
export function tickStep([from, to]: [number, number]): number {
  return tickSteps.find((step) => (to - from) / step <= 6) ?? tickSteps.at(-1)!;
}

/** Ticks on whole multiples of the step inside the domain, so labels read 14:03, 14:06, … and do not slide. */
export function timeTicks(domain: [number, number]): number[] {
  const step = tickStep(domain);
  const ticks: number[] = [];
  for (let tick = Math.ceil(domain[0] / step) * step; tick <= domain[1]; tick += step) ticks.push(tick);
  return ticks;
}

/**
 * The top of a y axis that outliers do not flatten: the largest value within
 * four times the 90th percentile of all values shown. A first batch measured at
 * 40 s no longer squeezes the following milliseconds into the bottom pixel; the
 * peaks above are clipped at the top and reported as `peak`. Null when there
 * is nothing to scale (no values, or every value 0): the chart's own scaling.
 */
export function clippedAxis(rows: readonly ChartRow[], keys: readonly string[]): { top: number; peak: number; clipped: boolean } | null {
  const values: number[] = [];
  for (const row of rows) for (const key of keys) if (typeof row[key] === "number" && Number.isFinite(row[key])) values.push(row[key]);
  if (values.length === 0) return null;
  values.sort((a, b) => a - b);
  const peak = values.at(-1)!;
  if (peak <= 0) return null;
  const p90 = values[Math.max(0, Math.ceil(values.length * 0.9) - 1)]!;
  const limit = 4 * p90;
  let top = peak;
  for (let i = values.length - 1; i >= 0 && values[i]! > limit; i--) top = values[i - 1] ?? values[i]!;
  if (top <= 0) top = peak;
  return { top, peak, clipped: peak > top };
}

/**
 * The column of the n-th series. Recharts reads a string data key as a property path,
 * so node ids and topic names (which may hold dots) cannot be keys themselves.
 */
export function seriesKey(index: number): string {
  return `s${index}`;
}
