"use client";

import { useState } from "react";
import type { LivePoint } from "@/lib/client/use-live-telemetry";
import { bucketMs } from "./chart-rows";

function bucketOf(history: readonly LivePoint[]): number {
  return Math.floor((history.at(-1)?.at ?? 0) / bucketMs);
}

/**
 * The history as the charts see it: it only moves on when a new 3-second bucket starts.
 * Charts draw 3-second buckets, so redrawing them on every report would repaint the
 * same picture three times for nothing.
 */
export function useChartHistory(history: readonly LivePoint[]): readonly LivePoint[] {
  const [shown, setShown] = useState(history);
  if (shown !== history && (bucketOf(shown) !== bucketOf(history) || history.length < shown.length)) {
    setShown(history);
    return history;
  }
  return shown;
}
