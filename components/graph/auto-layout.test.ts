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
