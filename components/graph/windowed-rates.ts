import type { LivePoint } from "@/lib/client/use-live-telemetry";

/** Records per second in and out of one node. */
export type NodeRate = { in: number; out: number };

/**
 * The window rates are measured over. The engine reports once a second, after whatever
 * batches finished, so per-report rates jump between 0 and twice the real rate; over
 * 5 seconds they read like the steady flow they are.
 */
export const rateWindowMs = 5_000;

/**
 * For every point of the history, each node's rates over the `windowMs` before it,
 * from the differences of the cumulative counters (exact, not an average of averages).
 * Points of another deployment (whose counters restarted) are never compared; the first
 * point of a deployment falls back to its own per-report rates.
 */
export function windowedRates(history: readonly LivePoint[], windowMs = rateWindowMs): Record<string, NodeRate>[] {
  const result: Record<string, NodeRate>[] = [];
  let start = 0;
  for (let index = 0; index < history.length; index++) {
    const point = history[index]!;
    while (start < index && (history[start]!.at < point.at - windowMs || history[start]!.deploymentId !== point.deploymentId)) start++;
    const base = history[start]!;
    const seconds = (point.at - base.at) / 1000;
    const rates: Record<string, NodeRate> = {};
    for (const [id, node] of Object.entries(point.nodes)) {
      const before = base.nodes[id];
      rates[id] =
        start === index || !before || seconds <= 0
          ? { in: node.rateIn, out: node.rateOut }
          : { in: Math.max(0, (node.recordsIn - before.recordsIn) / seconds), out: Math.max(0, (node.recordsOut - before.recordsOut) / seconds) };
    }
    result.push(rates);
  }
  return result;
}

/** The latest point's rates over the window, without computing the whole history. */
export function latestRates(history: readonly LivePoint[], windowMs = rateWindowMs): Record<string, NodeRate> {
  let from = history.length - 1;
  const latest = history[from];
  if (!latest) return {};
  while (from > 0 && history[from - 1]!.at >= latest.at - windowMs && history[from - 1]!.deploymentId === latest.deploymentId) from--;
  return windowedRates(history.slice(from), windowMs).at(-1)!;
}
