import { describe, expect, it } from "vitest";
import { startAtOf, toLocalInput } from "./replay-choice";

describe("startAtOf", () => {
  it("continues without a startAt, and passes earliest and latest through", () => {
    expect(startAtOf({ from: "continue" })).toEqual({ ok: true, startAt: undefined });
    expect(startAtOf({ from: "earliest" })).toEqual({ ok: true, startAt: { from: "earliest" } });
    expect(startAtOf({ from: "latest" })).toEqual({ ok: true, startAt: { from: "latest" } });
  });

  it("reads a local date-time as milliseconds, and refuses an empty or unreadable one", () => {
    const local = toLocalInput(Date.UTC(2026, 11, 2, 10, 32));
    const result = startAtOf({ from: "timestamp", local });
    expect(result).toEqual({ ok: true, startAt: { from: "timestamp", timestamp: new Date(local).getTime() } });
    expect(new Date(local).getTime()).toBe(Date.UTC(2026, 11, 2, 10, 32));
    expect(startAtOf({ from: "timestamp", local: "" })).toEqual({ ok: false, error: "Pick the date and time to replay from" });
    expect(startAtOf({ from: "timestamp", local: "soon" }).ok).toBe(false);
  });
});
