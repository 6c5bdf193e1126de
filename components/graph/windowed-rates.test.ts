import { describe, expect, it } from "vitest";
import { livePoint } from "./live-point-fixture";
import { latestRates, rateWindowMs, windowedRates } from "./windowed-rates";

describe("windowedRates", () => {
  it("measures rates from the counters over the window, not from one report's jumpy rate", () => {
    const history = [
      livePoint(0, { src: { recordsIn: 0, recordsOut: 0, rateIn: 0 } }),
      livePoint(1_000, { src: { recordsIn: 0, recordsOut: 0, rateIn: 0 } }),
      livePoint(2_000, { src: { recordsIn: 200, recordsOut: 100, rateIn: 200 } }),
    ];
    expect(windowedRates(history).at(-1)).toEqual({ src: { in: 100, out: 50 } });
  });

  it("falls back to the report's own rates for the first point of a deployment", () => {
    const history = [livePoint(0, { src: { recordsIn: 500, rateIn: 7, rateOut: 3 } })];
    expect(windowedRates(history)).toEqual([{ src: { in: 7, out: 3 } }]);
  });

  it("never compares points of different deployments, whose counters restarted", () => {
    const history = [
      livePoint(0, { src: { recordsIn: 10_000 } }, { deploymentId: "old" }),
      livePoint(1_000, { src: { recordsIn: 10, rateIn: 10 } }, { deploymentId: "new" }),
      livePoint(2_000, { src: { recordsIn: 30, rateIn: 20 } }, { deploymentId: "new" }),
    ];
    const rates = windowedRates(history);
    expect(rates[1]).toEqual({ src: { in: 10, out: 0 } });
    expect(rates[2]).toEqual({ src: { in: 20, out: 0 } });
  });

  it("drops points older than the window from the base", () => {
    const history = [livePoint(0, { src: { recordsIn: 0 } }), livePoint(rateWindowMs, { src: { recordsIn: 1_000 } }), livePoint(rateWindowMs + 1_000, { src: { recordsIn: 1_100 } })];
    // The base of the last point is the one 5 s before it (at 1 s: none), i.e. the second point.
    expect(windowedRates(history)[2]).toEqual({ src: { in: 100, out: 0 } });
  });

  it("does not report negative rates when a counter goes backwards", () => {
    const history = [livePoint(0, { src: { recordsIn: 50 } }), livePoint(1_000, { src: { recordsIn: 20 } })];
    expect(windowedRates(history)[1]!.src!.in).toBe(0);
  });
});

describe("latestRates", () => {
  it("gives the last point's windowed rates, the same as the whole computation", () => {
    const history = Array.from({ length: 20 }, (_, index) => livePoint(index * 1_000, { a: { recordsIn: index * index * 10, recordsOut: index * 5 } }));
    expect(latestRates(history)).toEqual(windowedRates(history).at(-1));
  });

  it("is empty for an empty history", () => {
    expect(latestRates([])).toEqual({});
  });
});
