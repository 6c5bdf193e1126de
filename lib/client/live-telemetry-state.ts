import type { LivePoint, LiveSamples } from "./api/live";

/** How far back the charts reach; the server keeps the same window, so a reload loses nothing. */
export const liveHistoryMs = 60 * 60 * 1000;

/**
 * `connecting` until the first snapshot, `live` while events flow, `reconnecting` while the
 * browser retries a dropped stream (history is re-sent on reconnect, so nothing is lost).
 */
export type LiveConnection = "connecting" | "live" | "reconnecting";

/** What the stream has delivered so far, and how the connection stands. */
export type LiveState = {
  history: LivePoint[];
  samples: LiveSamples | null;
  connection: LiveConnection;
  ready: boolean;
  telemetryError: string | null;
  streamError: string | null;
};

/** What happens to the stream: the hook dispatches one per event. */
export type LiveAction =
  | { type: "reset" }
  | { type: "open" }
  | { type: "snapshot"; history: LivePoint[]; samples: LiveSamples | null; telemetryError: string | null }
  | { type: "metrics"; point: LivePoint }
  | { type: "samples"; samples: LiveSamples }
  | { type: "dropped"; message: string };

export const initialLiveState: LiveState = { history: [], samples: null, connection: "connecting", ready: false, telemetryError: null, streamError: null };

/** The stream's state after one event: a snapshot replaces the history, metrics append (a replayed point is ignored), a drop keeps what is drawn. */
export function liveReducer(state: LiveState, action: LiveAction): LiveState {
  switch (action.type) {
    case "reset":
      return initialLiveState;
    case "open":
      return { ...state, connection: "live", streamError: null };
    case "snapshot":
      return {
        ...state,
        connection: "live",
        ready: true,
        streamError: null,
        history: trimHistory(action.history),
        samples: action.samples,
        telemetryError: action.telemetryError,
      };
    case "metrics": {
      const last = state.history.at(-1);
      // A reconnect can replay a point the snapshot already had.
      if (last && action.point.at <= last.at) return state;
      return { ...state, history: trimHistory([...state.history, action.point]), telemetryError: null };
    }
    case "samples":
      return { ...state, samples: action.samples };
    case "dropped":
      return { ...state, connection: "reconnecting", streamError: action.message };
  }
}

/** The points of the last hour before the newest one. */
export function trimHistory(points: LivePoint[]): LivePoint[] {
  const newest = points.at(-1);
  if (!newest) return points;
  const from = points.findIndex((point) => point.at >= newest.at - liveHistoryMs);
  return from > 0 ? points.slice(from) : points;
}
