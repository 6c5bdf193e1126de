import { describe, expect, it } from "vitest";
import { wordCountTemplate } from "@/engine/graph";
import { livePoint } from "./live-point-fixture";
import { liveCanvasNodes } from "./live-canvas-nodes";
import { windowedCountPipeline } from "@/engine/runners/event-time-cases";
import { formatLag } from "@/lib/client/format-live";
import type { LivePoint } from "@/lib/client/use-live-telemetry";

describe("liveCanvasNodes", () => {
  const graph = wordCountTemplate();
  const [sourceId, secondId] = graph.nodes.map((node) => node.id);

  it("gives each reported node its windowed rates, totals, busy share and health", () => {
    const history = [
      livePoint(0, { [sourceId!]: { recordsIn: 0, recordsOut: 0 } }),
      livePoint(2_000, { [sourceId!]: { recordsIn: 40, recordsOut: 40, busy: 0.9, errors: 0 } }),
    ];
    const views = liveCanvasNodes(history, graph);
    expect([...views.keys()]).toEqual([sourceId]);
    expect(views.get(sourceId!)).toEqual({ rate: { in: 20, out: 20 }, recordsIn: 40, recordsOut: 40, errors: 0, busy: 0.9, health: "busy" });
  });

  it("leaves out nodes the deployment does not report, and everything without a report", () => {
    expect(liveCanvasNodes([], graph).size).toBe(0);
    const views = liveCanvasNodes([livePoint(0, { [secondId!]: { rateIn: 3 }, "not-in-graph": { rateIn: 1 } })], graph);
    expect([...views.keys()]).toEqual([secondId]);
    expect(views.get(secondId!)!.rate).toEqual({ in: 3, out: 0 });
  });
});

const node = { recordsIn: 10, recordsOut: 10, errors: 0, rateIn: 1, rateOut: 1, rateIn1m: 1, rateOut1m: 1, busy: 0, latencyP50Ms: null, latencyP99Ms: null };
const point = (at: number, count: Record<string, unknown>): LivePoint => ({
  at,
  deploymentId: "d",
  version: 1,
  status: "running",
  nodes: { source: node, count: { ...node, ...count }, sink: node },
  endToEndP50Ms: null,
  endToEndP99Ms: null,
  lag: [],
  totalLag: 0,
  counters: { recordsIn: 10, recordsOut: 10, deadLetters: 0, batches: 1 },
});

describe("liveCanvasNodes on event-time nodes", () => {
  const graph = windowedCountPipeline({ type: "tumbling", size: 10_000 });

  it("gives an event-time node its watermark lag (report time − watermark) and late records, and other nodes neither", () => {
    const views = liveCanvasNodes([point(100_000, { watermark: 96_500, lateRecords: 2 })], graph);
    expect(views.get("count")).toMatchObject({ watermarkLagMs: 3_500, lateRecords: 2 });
    expect(views.get("source")).not.toHaveProperty("watermarkLagMs");
    expect(liveCanvasNodes([point(100_000, { watermark: null, lateRecords: 0 })], graph).get("count")).toMatchObject({ watermarkLagMs: null, lateRecords: 0 });
  });
});

describe("formatLag", () => {
  it("is precise below a minute and coarse above, for backlogs that trail by days", () => {
    expect([formatLag(850), formatLag(3_200), formatLag(12 * 60_000), formatLag(2 * 86_400_000 + 4 * 3_600_000), formatLag(null)]).toEqual(["850 ms", "3.2 s", "12 min", "2 d 4 h", "—"]);
  });
});
