import { describe, expect, it } from "vitest";
import { liveHistoryMs } from "@/lib/client/use-live-telemetry";
import { livePoint } from "@/components/graph/live-point-fixture";
import { bucketMs, bucketRows, seriesKey, timeDomain, timeTicks, toChartRows, type ChartRow } from "./chart-rows";

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
  it("spans the last 15 minutes with ticks on whole 3-minute marks", () => {
    const now = Date.parse("2026-12-02T14:07:30Z");
    const domain = timeDomain(now);
    expect(domain).toEqual([now - liveHistoryMs, now]);
    expect(timeTicks(domain).map((tick) => new Date(tick).toISOString().slice(11, 16))).toEqual(["13:54", "13:57", "14:00", "14:03", "14:06"]);
  });
});
