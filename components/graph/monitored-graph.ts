import { nodeTypes, topologicalOrder, type NodeTypeName, type PipelineDocument } from "@/engine/graph";
import type { LivePoint } from "@/lib/client/use-live-telemetry";

/** A node as the monitor lists it: in flow order, with the colour its series get in every chart. */
export type MonitoredNode = {
  id: string;
  type: NodeTypeName;
  /** The node's configuration as stored (a route's outputs are drawn from it). */
  data: Record<string, unknown>;
  title: string;
  /** The topic a source reads, to match it with the lag of its partitions. */
  topic: string | null;
  color: string;
};

/**
 * Series colours: distinguishable, and none of them green, amber or red, which mean
 * running, degraded and failed everywhere else on the screen.
 */
export const seriesColors = ["#4f46e5", "#0ea5e9", "#c026d3", "#0d9488", "#64748b", "#db2777", "#7c3aed", "#0891b2", "#1d4ed8", "#9333ea"];

/** The graph's nodes sources first, the way records flow, so tables and legends read left to right. */
export function monitoredNodes(graph: PipelineDocument): MonitoredNode[] {
  const order = topologicalOrder(
    graph.nodes.map((node) => node.id),
    graph.edges,
  );
  const byId = new Map(graph.nodes.map((node) => [node.id, node]));
  const ordered = [...order, ...graph.nodes.map((node) => node.id).filter((id) => !order.includes(id))];
  return ordered.map((id, index) => {
    const node = byId.get(id)!;
    const type = node.type as NodeTypeName;
    const label = typeof node.data.label === "string" ? node.data.label.trim() : "";
    const topic = nodeTypes[type]?.category === "source" && typeof node.data.topic === "string" ? node.data.topic : null;
    return { id, type, data: node.data, title: label || nodeTypes[type]?.label || id, topic, color: seriesColors[index % seriesColors.length]! };
  });
}

/** What the graph colours a node by: Flink's habit of painting backpressure on the job graph. */
export type NodeHealth = "idle" | "flowing" | "busy" | "lagging" | "failing";

const errorWindowMs = 30_000;
const lagWindowMs = 10_000;

/**
 * A node is failing when its error count rose in the last 30 s, busy when it spent more
 * than 80% of the last interval processing, lagging when it is a source whose
 * partitions fall further behind (the lowest lag of the last 10 s above the lowest of
 * the 10 s half a minute earlier).
 */
export function nodeHealth(history: readonly LivePoint[], node: MonitoredNode): NodeHealth {
  const latest = history.at(-1);
  const live = latest?.nodes[node.id];
  if (!latest || !live) return "idle";
  const before = pointAtOrAfter(history, latest.at - errorWindowMs, latest.deploymentId);
  if (before && live.errors > (before.nodes[node.id]?.errors ?? 0)) return "failing";
  if (live.busy > 0.8) return "busy";
  if (node.topic && lagGrowing(history, node.topic, latest)) return "lagging";
  return live.rateIn > 0 || live.rateOut > 0 ? "flowing" : "idle";
}

/** The records a source topic's partitions are behind, summed. */
export function topicLag(point: LivePoint, topic: string): number {
  return point.lag.reduce((sum, partition) => (partition.topic === topic ? sum + Math.max(0, partition.lag) : sum), 0);
}

function lagGrowing(history: readonly LivePoint[], topic: string, latest: LivePoint): boolean {
  const recent = lowestLag(history, topic, latest.at - lagWindowMs, latest.at, latest.deploymentId);
  const earlier = lowestLag(history, topic, latest.at - 4 * lagWindowMs, latest.at - 3 * lagWindowMs, latest.deploymentId);
  return recent !== null && earlier !== null && recent > 0 && recent > earlier;
}

/**
 * The smallest lag seen in a time range. A consumer that keeps up drops to (near) zero
 * after every batch, so lag spikes between batches are noise; a floor that rises is not.
 */
function lowestLag(history: readonly LivePoint[], topic: string, from: number, to: number, deploymentId: string): number | null {
  let lowest: number | null = null;
  for (let index = history.length - 1; index >= 0; index--) {
    const point = history[index]!;
    if (point.at < from) break;
    if (point.at > to || point.deploymentId !== deploymentId) continue;
    const lag = topicLag(point, topic);
    lowest = lowest === null ? lag : Math.min(lowest, lag);
  }
  return lowest;
}

/** The oldest point of the deployment no older than `at`, searched from the newest end. */
export function pointAtOrAfter(history: readonly LivePoint[], at: number, deploymentId: string): LivePoint | null {
  let found: LivePoint | null = null;
  for (let index = history.length - 1; index >= 0; index--) {
    const point = history[index]!;
    if (point.at < at || point.deploymentId !== deploymentId) break;
    found = point;
  }
  return found;
}
