import { describe, expect, it } from "vitest";
import { livePoint } from "@/components/graph/live-point-fixture";
import { initialLiveState, liveHistoryMs, liveReducer, trimHistory } from "./live-telemetry-state";

const samples = { at: 1, deploymentId: "d1", nodes: {} };

describe("liveReducer", () => {
  it("goes live with the snapshot's history, samples and telemetry error", () => {
    const state = liveReducer(initialLiveState, { type: "snapshot", history: [livePoint(1_000)], samples, telemetryError: "no topic" });
    expect(state).toMatchObject({ connection: "live", ready: true, samples, telemetryError: "no topic", streamError: null });
    expect(state.history.map((point) => point.at)).toEqual([1_000]);
  });

  it("appends metrics, ignoring a point a reconnect replays", () => {
    let state = liveReducer(initialLiveState, { type: "snapshot", history: [livePoint(1_000), livePoint(2_000)], samples: null, telemetryError: "x" });
    state = liveReducer(state, { type: "metrics", point: livePoint(2_000) });
    expect(state.history).toHaveLength(2);
    expect(state.telemetryError).toBe("x");
    state = liveReducer(state, { type: "metrics", point: livePoint(3_000) });
    expect(state.history.map((point) => point.at)).toEqual([1_000, 2_000, 3_000]);
    expect(state.telemetryError).toBeNull();
  });

  it("keeps what is drawn while reconnecting, and starts blank on reset", () => {
    const live = liveReducer(initialLiveState, { type: "snapshot", history: [livePoint(1_000)], samples, telemetryError: null });
    const dropped = liveReducer(live, { type: "dropped", message: "lost" });
    expect(dropped).toMatchObject({ connection: "reconnecting", streamError: "lost", history: live.history, samples });
    expect(liveReducer(liveReducer(dropped, { type: "open" }), { type: "reset" })).toBe(initialLiveState);
    expect(liveReducer(dropped, { type: "open" })).toMatchObject({ connection: "live", streamError: null });
  });
});

describe("trimHistory", () => {
  it("keeps the hour before the newest point", () => {
    const points = [0, 60_000, liveHistoryMs + 30_000, liveHistoryMs + 60_000].map((at) => livePoint(at));
    expect(trimHistory(points).map((point) => point.at)).toEqual([60_000, liveHistoryMs + 30_000, liveHistoryMs + 60_000]);
    expect(trimHistory([])).toEqual([]);
  });
});
