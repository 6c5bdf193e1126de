import { describe, expect, it } from "vitest";
import { wordCountTemplate } from "@/engine/graph";
import { autoLayout } from "./auto-layout";
import { documentToFlow } from "./flow-document";
import { gridSize, nodeCardSize, type PipelineFlowEdge, type PipelineFlowNode } from "./flow-types";

function piled(): { nodes: PipelineFlowNode[]; edges: PipelineFlowEdge[] } {
  const { nodes, edges } = documentToFlow(wordCountTemplate());
  // Everything on one spot, in reverse order: the layout must not depend on where nodes were.
  return { nodes: nodes.map((node) => ({ ...node, position: { x: 0, y: 0 } })).reverse(), edges };
}

describe("autoLayout", () => {
  it("places a chain left to right in the order records flow, on the grid", () => {
    const { nodes, edges } = piled();
    const laidOut = new Map(autoLayout(nodes, edges).map((node) => [node.id, node.position]));
    for (const edge of edges) expect(laidOut.get(edge.source)!.x, `${edge.source} before ${edge.target}`).toBeLessThan(laidOut.get(edge.target)!.x);
    for (const position of laidOut.values()) {
      expect(position.x % gridSize).toBe(0);
      expect(position.y % gridSize).toBe(0);
    }
  });

  it("keeps cards from overlapping, using measured sizes when there are some", () => {
    const { nodes, edges } = piled();
    const tall = nodes.map((node) => ({ ...node, measured: { width: nodeCardSize.width, height: 200 } }));
    const laidOut = autoLayout([...tall, { id: "lonely", type: "filter", position: { x: 0, y: 0 }, data: {}, measured: { width: nodeCardSize.width, height: 200 } }], edges);
    for (const a of laidOut) {
      for (const b of laidOut) {
        if (a === b) continue;
        const apart = Math.abs(a.position.x - b.position.x) >= nodeCardSize.width || Math.abs(a.position.y - b.position.y) >= 200;
        expect(apart, `${a.id} and ${b.id} overlap`).toBe(true);
      }
    }
  });

  it("puts a join's left input above its right one", () => {
    const nodes: PipelineFlowNode[] = [
      { id: "r", type: "kafka-source", position: { x: 0, y: 0 }, data: {} },
      { id: "l", type: "kafka-source", position: { x: 0, y: 0 }, data: {} },
      { id: "j", type: "join", position: { x: 0, y: 0 }, data: {} },
    ];
    const edges: PipelineFlowEdge[] = [
      { id: "r-j", source: "r", target: "j", targetHandle: "right" },
      { id: "l-j", source: "l", target: "j", targetHandle: "left" },
    ];
    const laidOut = new Map(autoLayout(nodes, edges).map((node) => [node.id, node.position]));
    expect(laidOut.get("l")!.y).toBeLessThan(laidOut.get("r")!.y);
  });

  it("keeps everything else about the nodes", () => {
    const { nodes, edges } = piled();
    expect(autoLayout(nodes, edges).map(({ position: _, ...rest }) => rest)).toEqual(nodes.map(({ position: _, ...rest }) => rest));
  });
});

const looseNode = (id: string, x = 0, y = 0): PipelineFlowNode => ({ id, type: "filter", position: { x, y }, data: {} }) as PipelineFlowNode;
const looseEdge = (source: string, target: string): PipelineFlowEdge => ({ id: `${source}-${target}`, source, target }) as PipelineFlowEdge;
const overlap = (a: PipelineFlowNode, b: PipelineFlowNode) =>
  a.position.x < b.position.x + nodeCardSize.width && b.position.x < a.position.x + nodeCardSize.width && a.position.y < b.position.y + nodeCardSize.height && b.position.y < a.position.y + nodeCardSize.height;

describe("autoLayout of unconnected nodes", () => {
  it("lays a chain out left to right", () => {
    const out = autoLayout([looseNode("a", 500, 500), looseNode("b", 0, 900), looseNode("c", 40, 0)], [looseEdge("a", "b"), looseEdge("b", "c")]);
    const x = Object.fromEntries(out.map((n) => [n.id, n.position.x]));
    expect(x.a).toBeLessThan(x.b!);
    expect(x.b).toBeLessThan(x.c!);
  });

  it("puts unconnected nodes in a row under the graph instead of stacking them", () => {
    const out = autoLayout([looseNode("a"), looseNode("b"), looseNode("loose-1", 900, 10), looseNode("loose-2", 100, 10), looseNode("loose-3", 100, 300)], [looseEdge("a", "b")]);
    for (let i = 0; i < out.length; i++) for (let j = i + 1; j < out.length; j++) expect(overlap(out[i]!, out[j]!), `${out[i]!.id} / ${out[j]!.id}`).toBe(false);
    const byId = Object.fromEntries(out.map((n) => [n.id, n.position]));
    const graphBottom = Math.max(byId.a!.y, byId.b!.y) + nodeCardSize.height;
    for (const id of ["loose-1", "loose-2", "loose-3"]) expect(byId[id]!.y).toBeGreaterThanOrEqual(graphBottom);
    // In reading order of where they were: loose-2 (top, left), loose-1 (top, right), loose-3.
    expect(byId["loose-2"]!.x).toBeLessThan(byId["loose-1"]!.x);
    expect(byId["loose-1"]!.x).toBeLessThan(byId["loose-3"]!.x);
  });

  it("lays out a canvas with no connections at all as one row", () => {
    const out = autoLayout([looseNode("a", 0, 0), looseNode("b", 0, 0)], []);
    expect(out.map((n) => n.position.y)).toEqual([0, 0]);
    expect(overlap(out[0]!, out[1]!)).toBe(false);
  });
});
