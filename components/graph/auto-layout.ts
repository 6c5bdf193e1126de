import dagre from "@dagrejs/dagre";
import { gridSize, nodeCardSize, type PipelineFlowEdge, type PipelineFlowNode } from "./flow-types";

/**
 * Lays the graph out left to right with dagre, the way data flows, using each node's
 * measured size when React Flow has one. Join inputs are ordered left above right.
 */
export function autoLayout(nodes: readonly PipelineFlowNode[], edges: readonly PipelineFlowEdge[]): PipelineFlowNode[] {
  const graph = new dagre.graphlib.Graph();
  graph.setGraph({ rankdir: "LR", nodesep: 48, ranksep: 96, marginx: 0, marginy: 0 });
  graph.setDefaultEdgeLabel(() => ({}));
  for (const node of nodes) graph.setNode(node.id, sizeOf(node));
  const ordered = [...edges].sort((a, b) => handleRank(a) - handleRank(b));
  for (const edge of ordered) graph.setEdge(edge.source, edge.target);
  dagre.layout(graph);

  return nodes.map((node) => {
    const laidOut = graph.node(node.id);
    const { width, height } = sizeOf(node);
    return {
      ...node,
      position: { x: snap(laidOut.x - width / 2), y: snap(laidOut.y - height / 2) },
    };
  });
}

function sizeOf(node: PipelineFlowNode): { width: number; height: number } {
  return { width: node.measured?.width ?? nodeCardSize.width, height: node.measured?.height ?? nodeCardSize.height };
}

function handleRank(edge: PipelineFlowEdge): number {
  return edge.targetHandle === "right" ? 1 : 0;
}

function snap(value: number): number {
  return Math.round(value / gridSize) * gridSize;
}
