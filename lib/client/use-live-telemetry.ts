"use client";

import { useEffect, useReducer, useRef, useState } from "react";
import type { Sample } from "@/engine/runtime/pipeline-metrics";
import { liveEvents, openLiveStream, type LivePoint, type LiveSamples, type NodeLive } from "./api/live";
import { initialLiveState, liveHistoryMs, liveReducer, type LiveConnection } from "./live-telemetry-state";

export type { LivePoint, LiveSamples, NodeLive, Sample };

export { liveHistoryMs, type LiveConnection };

export type LiveTelemetry = {
  /** Points of the last hour, oldest first, about one per second while deployed. */
  history: LivePoint[];
  latest: LivePoint | null;
  /** The last ≤50 records in and out of each node; frozen while `pauseSamples` is set. */
  samples: LiveSamples | null;
  connection: LiveConnection;
  connected: boolean;
  /** True once the server's snapshot arrived, i.e. an empty history really means "no data". */
  ready: boolean;
  /** Why live data is missing or stale: the stream is down, or the server cannot read telemetry from Kafka. */
  error: string | null;
};

type LiveOptions = {
  /** Freeze `samples` (metrics keep flowing), so records can be read while the pipeline runs. */
  pauseSamples?: boolean;
  /** Open no stream, e.g. while the page does not know yet whether there is anything to watch. */
  enabled?: boolean;
};

const retryMs = { first: 2_000, max: 30_000 };

/**
 * Live telemetry of one pipeline from `GET /api/pipelines/:id/live` (server-sent events):
 * the server's 15-minute history first, then a metrics point about once a second and the
 * latest record samples. The browser reconnects dropped streams by itself; a stream the
 * server refused is reopened with backoff. The stream closes on unmount.
 */
export function useLiveTelemetry(pipelineId: string, { pauseSamples = false, enabled = true }: LiveOptions = {}): LiveTelemetry {
  const [state, dispatch] = useReducer(liveReducer, initialLiveState);
  const [reopened, setReopened] = useState(0);
  const failures = useRef(0);
  const streamOf = useRef(pipelineId);

  useEffect(() => {
    if (!enabled) return;
    // Reopening keeps what is drawn until the new snapshot replaces it; another pipeline starts blank.
    if (streamOf.current !== pipelineId) {
      streamOf.current = pipelineId;
      failures.current = 0;
      dispatch({ type: "reset" });
    }
    const source = openLiveStream(pipelineId);
    let retry: number | undefined;
    const listen = <E extends keyof typeof liveEvents>(event: E, handle: (data: ReturnType<(typeof liveEvents)[E]>) => void) =>
      source.addEventListener(event, (message) => {
        try {
          handle(liveEvents[event](JSON.parse((message as MessageEvent<string>).data)) as ReturnType<(typeof liveEvents)[E]>);
        } catch {
          // One unreadable event must not end the stream; the next one carries the full state again.
        }
      });

    source.addEventListener("open", () => dispatch({ type: "open" }));
    listen("snapshot", (data) => {
      failures.current = 0;
      dispatch({ type: "snapshot", ...data });
    });
    listen("metrics", (point) => dispatch({ type: "metrics", point }));
    listen("samples", (samples) => dispatch({ type: "samples", samples }));
    source.addEventListener("error", () => {
      dispatch({ type: "dropped", message: "Lost the connection to the server; reconnecting…" });
      // CONNECTING means the browser retries by itself; CLOSED means it gave up (an HTTP error), so retry here.
      if (source.readyState === EventSource.CLOSED) {
        const delay = Math.min(retryMs.max, retryMs.first * 2 ** failures.current);
        failures.current += 1;
        retry = window.setTimeout(() => setReopened((count) => count + 1), delay);
      }
    });
    return () => {
      window.clearTimeout(retry);
      source.close();
    };
  }, [pipelineId, enabled, reopened]);

  // Pausing keeps the samples seen at that moment; resuming shows the newest again.
  const [frozen, setFrozen] = useState<{ samples: LiveSamples | null } | null>(null);
  if (pauseSamples && !frozen) setFrozen({ samples: state.samples });
  if (!pauseSamples && frozen) setFrozen(null);

  return {
    history: state.history,
    latest: state.history.at(-1) ?? null,
    samples: frozen ? frozen.samples : state.samples,
    connection: state.connection,
    connected: state.connection === "live",
    ready: state.ready,
    error: state.streamError ?? (state.telemetryError ? `Live metrics are unavailable: ${state.telemetryError}` : null),
  };
}
