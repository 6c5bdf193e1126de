import type { PipelineDocument } from "@/engine/graph";
import type { LivePoint } from "@/lib/client/use-live-telemetry";
import type { NodeLiveView } from "@/components/canvas/canvas-runtime";
import { monitoredNodes, nodeHealth } from "@/components/monitor/monitored-graph";
import { latestRates } from "@/components/monitor/windowed-rates";

/**
 * The live view of every node of the edited graph that the running deployment reports
 * on, keyed by node id. Health is judged as the monitor judges it, so a node outlined
 * in the editor is outlined there too.
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
      health: nodeHealth(history, node),
      ...(live.watermark !== undefined ? { watermarkLagMs: live.watermark === null ? null : Math.max(0, latest.at - live.watermark), lateRecords: live.lateRecords ?? 0 } : {}),
    });
  }
  return views;
}
