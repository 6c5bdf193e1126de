"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { getDashboard } from "@/lib/client/api/dashboard";
import { type DashboardRow } from "@/lib/client/api/dashboard";

export type DashboardState =
  | { status: "loading" }
  | { status: "error"; message: string }
  /** `refreshError` says why the latest poll failed while the rows of the one before stay on screen. */
  | { status: "ready"; rows: DashboardRow[]; refreshError: string | null };

const pollMs = 2_000;

/**
 * The dashboard's rows from `GET /api/dashboard`, polled every 2 s while the tab is
 * visible. `mutate` changes rows locally right after an action (rename, delete) and
 * discards any poll already in flight, so a stale answer never undoes the change.
 */
export function useDashboard() {
  const [state, setState] = useState<DashboardState>({ status: "loading" });
  const inFlight = useRef<AbortController | null>(null);
  const timer = useRef<number | undefined>(undefined);

  const poll = useCallback(async () => {
    window.clearTimeout(timer.current);
    inFlight.current?.abort();
    const controller = new AbortController();
    inFlight.current = controller;
    try {
      const rows = await getDashboard(controller.signal);
      // A mutation made after this request started wins over its answer.
      if (controller.signal.aborted) return;
      setState({ status: "ready", rows, refreshError: null });
    } catch (error) {
      if (controller.signal.aborted) return;
      const message = error instanceof Error ? error.message : String(error);
      setState((current) => (current.status === "ready" ? { ...current, refreshError: message } : { status: "error", message }));
    }
    if (inFlight.current !== controller || document.visibilityState === "hidden") return;
    inFlight.current = null;
    timer.current = window.setTimeout(() => void poll(), pollMs);
  }, []);

  useEffect(() => {
    void poll();
    // Hidden tabs stop polling; coming back shows the current numbers at once.
    const onVisibilityChange = () => {
      if (document.visibilityState === "visible") void poll();
    };
    document.addEventListener("visibilitychange", onVisibilityChange);
    return () => {
      document.removeEventListener("visibilitychange", onVisibilityChange);
      window.clearTimeout(timer.current);
      inFlight.current?.abort();
    };
  }, [poll]);

  /** Polls now, e.g. right after deploying or stopping from a row. */
  const refresh = useCallback(() => void poll(), [poll]);

  /** Retries after the first load failed, showing the loading state meanwhile. */
  const reload = useCallback(() => {
    setState({ status: "loading" });
    void poll();
  }, [poll]);

  const mutate = useCallback(
    (change: (rows: DashboardRow[]) => DashboardRow[]) => {
      setState((current) => (current.status === "ready" ? { ...current, rows: change(current.rows) } : current));
      void poll();
    },
    [poll],
  );

  return { state, refresh, reload, mutate };
}
