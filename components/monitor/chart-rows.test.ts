import { describe, expect, it } from "vitest";
import { livePoint } from "@/components/graph/live-point-fixture";
import { bucketMs, bucketRows, clippedAxis, rowsInDomain, seriesKey, tickStep, timeDomain, timeTicks, toChartRows, type ChartRow } from "./chart-rows";

const row = (at: number, values: Record<string, number | null>) => ({ at, ...values }) as ChartRow;

describe("toChartRows", () => {
  it("makes one row per point with the columns asked for", () => {
    const history = [livePoint(1_000, { a: { rateIn: 5 } }), livePoint(2_000, { a: { rateIn: 7 } })];
    expect(toChartRows(history, (point, index) => ({ [seriesKey(0)]: point.nodes.a!.rateIn, i: index }))).toEqual([row(1_000, { s0: 5, i: 0 }), row(2_000, { s0: 7, i: 1 })]);
  });

  it("breaks the line where reports stopped for more than 5 s", () => {
    const rows = toChartRows([livePoint(0), livePoint(4_000), livePoint(20_000)], () => ({ s0: 1 }));
    expect(rows.map((r) => r.at)).toEqual([0, 4_000, 4_001, 20_000]);
    expect(rows[2]).toEqual({ at: 4_001 });
  });
});

describe("bucketRows", () => {
  it("merges rows into clock-aligned 3 s buckets, by mean or by maximum", () => {
    const rows = [row(0, { s0: 2 }), row(1_000, { s0: 4 }), row(bucketMs, { s0: 10 }), row(bucketMs + 1_000, { s0: null })];
    expect(bucketRows(rows, "mean")).toEqual([row(1_000, { s0: 3 }), row(bucketMs + 1_000, { s0: 10 })]);
    expect(bucketRows(rows, "max")).toEqual([row(1_000, { s0: 4 }), row(bucketMs + 1_000, { s0: 10 })]);
  });

  it("keeps a bucket without values as a gap", () => {
    expect(bucketRows([row(0, { s0: null })], "mean")).toEqual([{ at: 0 }]);
    expect(bucketRows([], "max")).toEqual([]);
  });

  it("keeps a bucket's value when newer rows arrive in later buckets", () => {
    const first = bucketRows([row(0, { s0: 1 }), row(1_000, { s0: 3 })], "mean");
    const later = bucketRows([row(0, { s0: 1 }), row(1_000, { s0: 3 }), row(bucketMs * 5, { s0: 100 })], "mean");
    expect(later[0]).toEqual(first[0]);
  });
});

describe("timeDomain and timeTicks", () => {
  const now = Date.parse("2026-12-02T14:07:30Z");

  it("spans 15 minutes with ticks on whole 3-minute marks", () => {
    const domain = timeDomain(now, "15m");
    expect(domain).toEqual([now - 15 * 60_000, now]);
    expect(timeTicks(domain).map((tick) => new Date(tick).toISOString().slice(11, 16))).toEqual(["13:54", "13:57", "14:00", "14:03", "14:06"]);
  });

  it("since deploy: a 30 s old deployment gets a one-minute axis ticking every 10 s, not a spike at the edge of 15 minutes", () => {
    const domain = timeDomain(now, "auto", now - 30_000);
    expect(domain).toEqual([now - 60_000, now]);
    expect(tickStep(domain)).toBe(10_000);
    expect(timeTicks(domain).map((tick) => new Date(tick).toISOString().slice(11, 19))).toEqual(["14:06:30", "14:06:40", "14:06:50", "14:07:00", "14:07:10", "14:07:20", "14:07:30"].slice(0, timeTicks(domain).length));
  });

  it("since deploy grows with the deployment up to 15 minutes, and falls back to 15 minutes without a start", () => {
    expect(timeDomain(now, "auto", now - 7 * 60_000)).toEqual([now - 7 * 60_000, now]);
    expect(timeDomain(now, "auto", now - 3 * 60 * 60_000)).toEqual([now - 15 * 60_000, now]);
    expect(timeDomain(now, "auto", null)).toEqual([now - 15 * 60_000, now]);
  });

  it("offers 5 minutes and an hour, with at most seven ticks on round marks", () => {
    expect(timeDomain(now, "5m")).toEqual([now - 5 * 60_000, now]);
    const hour = timeDomain(now, "1h");
    expect(hour).toEqual([now - 60 * 60_000, now]);
    expect(tickStep(hour)).toBe(10 * 60_000);
    for (const span of [60_000, 7 * 60_000, 15 * 60_000, 60 * 60_000]) expect(timeTicks([now - span, now]).length).toBeLessThanOrEqual(7);
  });
});

describe("rowsInDomain", () => {
  it("keeps the rows inside, and the one before so the line enters from the left edge", () => {
    const rows = [row(0, { s0: 1 }), row(10, { s0: 2 }), row(20, { s0: 3 }), row(30, { s0: 4 })];
    expect(rowsInDomain(rows, [15, 40]).map((r) => r.at)).toEqual([10, 20, 30]);
    expect(rowsInDomain(rows, [0, 40])).toEqual(rows);
  });
});

describe("gaps", () => {
  it("survive bucketing: a stop between two runs breaks the line instead of bridging it", () => {
    const history = [livePoint(0), livePoint(1_000), livePoint(60_000), livePoint(61_000)];
    const rows = bucketRows(toChartRows(history, () => ({ s0: 5 })), "mean");
    expect(rows.map((r) => ("s0" in r ? r.s0 : "gap"))).toEqual([5, "gap", 5]);
  });
});

describe("clippedAxis", () => {
  const latencies = (values: number[]) => values.map((value, index) => row(index * 1_000, { p50: value, p99: value * 1.5 }));

  it("ends the axis below a first-batch outlier so the steady values fill the chart", () => {
    const axis = clippedAxis(latencies([40_000, 12, 15, 11, 14, 13, 16, 12, 15, 14, 13, 12]), ["p50", "p99"])!;
    expect(axis.clipped).toBe(true);
    expect(axis.peak).toBe(60_000);
    expect(axis.top).toBe(24);
  });

  it("keeps the whole range when nothing stands out", () => {
    expect(clippedAxis(latencies([10, 20, 30, 40]), ["p50", "p99"])).toEqual({ top: 60, peak: 60, clipped: false });
  });

  it("leaves scaling to the chart when there is nothing to scale", () => {
    expect(clippedAxis([], ["p50"])).toBeNull();
    expect(clippedAxis([row(0, { p50: 0 }), row(1, { p50: null })], ["p50"])).toBeNull();
  });
});
