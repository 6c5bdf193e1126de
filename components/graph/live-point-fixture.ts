import type { LivePoint, NodeLive } from "@/lib/client/use-live-telemetry";

/**
 * Builders of telemetry points for the unit tests of the live helpers: a point is plain
 * data, so tests state only what they are about and get zeros for the rest.
 */

export function nodeLive(values: Partial<NodeLive> = {}): NodeLive {
  return { recordsIn: 0, recordsOut: 0, errors: 0, rateIn: 0, rateOut: 0, rateIn1m: 0, rateOut1m: 0, busy: 0, latencyP50Ms: null, latencyP99Ms: null, ...values };
}

export function livePoint(at: number, nodes: Record<string, Partial<NodeLive>> = {}, values: Partial<Omit<LivePoint, "nodes">> = {}): LivePoint {
  return {
    at,
    deploymentId: "d1",
    version: 1,
    status: "running",
    nodes: Object.fromEntries(Object.entries(nodes).map(([id, node]) => [id, nodeLive(node)])),
    endToEndP50Ms: null,
    endToEndP99Ms: null,
    lag: [],
    totalLag: 0,
    counters: { recordsIn: 0, recordsOut: 0, deadLetters: 0, batches: 0 },
    ...values,
  };
}
