import { describe, expect, it } from "vitest";
import { wordCountTemplate } from "@/engine/graph";
import { livePoint } from "./live-point-fixture";
import { liveCanvasNodes } from "./live-canvas-nodes";

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
