import type { PipelineDocument } from "@/engine/graph";
import type { LivePoint } from "@/lib/client/use-live-telemetry";
import type { NodeLiveView } from "./canvas-runtime";
import { monitoredNodes, nodeHealth } from "./monitored-graph";
import { latestRates } from "./windowed-rates";

/**
 * The live view of every node of `graph` that the running deployment reports on, keyed by
 * node id: what `CanvasRuntimeContext` hands the graph's cards and edges, in the editor and
 * the monitor alike, so a node outlined in one is outlined in the other.
 */
export function liveCanvasNodes(history: readonly LivePoint[], graph: PipelineDocument): Map<string, NodeLiveView> {
  const views = new Map<string, NodeLiveView>();
  const latest = history.at(-1);
  if (!latest) return views;
  const rates = latestRates(history);
  for (const node of monitoredNodes(graph)) {
    const live = latest.nodes[node.id];
    if (!live) continue;
    views.set(node.id, {
      rate: rates[node.id] ?? { in: live.rateIn, out: live.rateOut },
      recordsIn: live.recordsIn,
      recordsOut: live.recordsOut,
      errors: live.errors,
      busy: live.busy,
      health: nodeHealth(history, node),
    });
  }
  return views;
}
