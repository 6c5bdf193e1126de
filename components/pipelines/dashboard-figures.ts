import { type DashboardRow } from "@/lib/client/api/dashboard";

/** What a dashboard row shows about throughput and health; null where there is nothing current to show. */
export type RowFigures = {
  /** Records per second read by the sources, averaged over the last few reports. */
  rate: number | null;
  /** The read rate over the last minutes, smoothed the same way, oldest first. */
  trend: number[];
  lag: number | null;
  errors: number | null;
};

/** Reports are about a second apart; five of them make the rate read like a steady flow rather than 0, 2x, 0. */
const smoothing = 5;

/**
 * The row's live figures, only while its deployment runs: the numbers of a stopped or
 * silent deployment are history, and a dashboard must not present them as current.
 */
export function rowFigures(row: DashboardRow): RowFigures {
  const status = row.deployment?.status;
  if (!row.live || (status !== "running" && status !== "degraded")) return { rate: null, trend: [], lag: null, errors: null };
  const { sparkline } = row.live;
  const trend = sparkline.map((_, index) => mean(sparkline.slice(Math.max(0, index - smoothing + 1), index + 1)));
  return { rate: trend.at(-1) ?? row.live.rateIn, trend, lag: row.live.lag, errors: row.live.errors };
}

function mean(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0) / values.length;
}
