import { describe, expect, it } from "vitest";
import { autoLayout } from "./auto-layout";
import { nodeCardSize, type PipelineFlowEdge, type PipelineFlowNode } from "./flow-types";

const node = (id: string, x = 0, y = 0): PipelineFlowNode => ({ id, type: "filter", position: { x, y }, data: {} }) as PipelineFlowNode;
const edge = (source: string, target: string): PipelineFlowEdge => ({ id: `${source}-${target}`, source, target }) as PipelineFlowEdge;
const overlap = (a: PipelineFlowNode, b: PipelineFlowNode) =>
  a.position.x < b.position.x + nodeCardSize.width && b.position.x < a.position.x + nodeCardSize.width && a.position.y < b.position.y + nodeCardSize.height && b.position.y < a.position.y + nodeCardSize.height;

describe("autoLayout", () => {
  it("lays a chain out left to right", () => {
    const out = autoLayout([node("a", 500, 500), node("b", 0, 900), node("c", 40, 0)], [edge("a", "b"), edge("b", "c")]);
    const x = Object.fromEntries(out.map((n) => [n.id, n.position.x]));
    expect(x.a).toBeLessThan(x.b!);
    expect(x.b).toBeLessThan(x.c!);
  });

  it("puts unconnected nodes in a row under the graph instead of stacking them", () => {
    const out = autoLayout([node("a"), node("b"), node("loose-1", 900, 10), node("loose-2", 100, 10), node("loose-3", 100, 300)], [edge("a", "b")]);
    for (let i = 0; i < out.length; i++) for (let j = i + 1; j < out.length; j++) expect(overlap(out[i]!, out[j]!), `${out[i]!.id} / ${out[j]!.id}`).toBe(false);
    const byId = Object.fromEntries(out.map((n) => [n.id, n.position]));
    const graphBottom = Math.max(byId.a!.y, byId.b!.y) + nodeCardSize.height;
    for (const id of ["loose-1", "loose-2", "loose-3"]) expect(byId[id]!.y).toBeGreaterThanOrEqual(graphBottom);
    // In reading order of where they were: loose-2 (top, left), loose-1 (top, right), loose-3.
    expect(byId["loose-2"]!.x).toBeLessThan(byId["loose-1"]!.x);
    expect(byId["loose-1"]!.x).toBeLessThan(byId["loose-3"]!.x);
  });

  it("lays out a canvas with no connections at all as one row", () => {
    const out = autoLayout([node("a", 0, 0), node("b", 0, 0)], []);
    expect(out.map((n) => n.position.y)).toEqual([0, 0]);
    expect(overlap(out[0]!, out[1]!)).toBe(false);
  });
});
