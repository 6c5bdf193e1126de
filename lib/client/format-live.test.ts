import { describe, expect, it } from "vitest";
import { formatBytes, formatClockSeconds, formatDuration, formatElapsed, formatNumber, formatPercent, formatRate, formatRecordTime } from "./format-live";
import { formatRelativeTime, formatTimestamp } from "./format-relative-time";

describe("the monitor's number formats", () => {
  it("keep numbers short: 0, 0.4, 12, 9,999, 15K, 2.3M", () => {
    expect([0, 0.42, 12, 9_999, 15_000, 2_345_678, Number.NaN].map(formatNumber)).toEqual(["0", "0.4", "12", "9,999", "15K", "2.3M", "—"]);
    expect([formatRate(383), formatRate(null), formatRate(undefined)]).toEqual(["383/s", "—", "—"]);
  });

  it("give latencies three significant digits in a fitting unit", () => {
    expect([0, 0.85, 12.4, 850, 3_200, 90_000, null].map(formatDuration)).toEqual(["0 ms", "850 µs", "12.4 ms", "850 ms", "3.2 s", "1.5 min", "—"]);
  });

  it("give sizes, shares and elapsed times", () => {
    expect([512, 33_000, 1_468_006, undefined].map(formatBytes)).toEqual(["512 B", "32.2 KB", "1.4 MB", "—"]);
    expect([0, 0.004, 0.5, 1.7].map(formatPercent)).toEqual(["0%", "<1%", "50%", "100%"]);
    expect([40_000, 12 * 60_000, 185 * 60_000, 180 * 60_000, 52 * 3_600_000, 48 * 3_600_000, -5].map(formatElapsed)).toEqual(["40 s", "12 min", "3 h 5 min", "3 h", "2 d 4 h", "2 d", "0 s"]);
  });

  it("keep records of one second apart by their milliseconds", () => {
    const at = new Date(2026, 11, 2, 14, 5, 9, 7).getTime();
    expect(formatClockSeconds(at)).toBe("14:05:09");
    expect(formatRecordTime(at)).toBe("14:05:09.007");
  });
});

describe("formatRelativeTime", () => {
  const now = Date.parse("2026-12-02T12:00:00Z");
  it("says how long ago, coarsely", () => {
    const ago = (ms: number) => formatRelativeTime(new Date(now - ms).toISOString(), now);
    expect([ago(10_000), ago(5 * 60_000), ago(3 * 3_600_000), ago(26 * 3_600_000), ago(90 * 86_400_000)]).toEqual(["just now", "5 minutes ago", "3 hours ago", "yesterday", "3 months ago"]);
    expect(formatRelativeTime("not a time", now)).toBe("—");
  });

  it("leaves an unreadable timestamp as it is", () => {
    expect(formatTimestamp("soon")).toBe("soon");
    expect(formatTimestamp("2026-12-02T12:00:00Z")).toMatch(/2026/);
  });
});
