import dagre from "@dagrejs/dagre";
import { gridSize, nodeCardSize, type PipelineFlowEdge, type PipelineFlowNode } from "./flow-types";

/** Space between the laid-out graph and the row of unconnected nodes under it, and between those nodes. */
const looseGap = 48;

/**
 * Lays the graph out left to right with dagre, the way data flows, using each node's
 * measured size when React Flow has one. Join inputs are ordered left above right.
 * Nodes with no connection at all are not stacked in dagre's first column: they go in a
 * row under the connected graph, left to right in their current order, so none is clipped.
 */
export function autoLayout(nodes: readonly PipelineFlowNode[], edges: readonly PipelineFlowEdge[]): PipelineFlowNode[] {
  const connected = new Set(edges.flatMap((edge) => [edge.source, edge.target]));
  const linked = nodes.filter((node) => connected.has(node.id));
  const loose = nodes.filter((node) => !connected.has(node.id));

  const positions = new Map<string, { x: number; y: number }>();
  let bottom = 0;
  if (linked.length > 0) {
    const graph = new dagre.graphlib.Graph();
    graph.setGraph({ rankdir: "LR", nodesep: 48, ranksep: 96, marginx: 0, marginy: 0 });
    graph.setDefaultEdgeLabel(() => ({}));
    for (const node of linked) graph.setNode(node.id, sizeOf(node));
    // dagre stacks the sources of a node's inputs in reverse order of their edges (measured:
    // the edge added last ends on top), so a join's right input goes in first.
    const ordered = [...edges].sort((a, b) => handleRank(b) - handleRank(a));
    for (const edge of ordered) graph.setEdge(edge.source, edge.target);
    dagre.layout(graph);
    for (const node of linked) {
      const laidOut = graph.node(node.id);
      const { width, height } = sizeOf(node);
      const position = { x: snap(laidOut.x - width / 2), y: snap(laidOut.y - height / 2) };
      positions.set(node.id, position);
      bottom = Math.max(bottom, position.y + height);
    }
    bottom += looseGap;
  }

  let x = 0;
  for (const node of [...loose].sort((a, b) => a.position.y - b.position.y || a.position.x - b.position.x)) {
    positions.set(node.id, { x: snap(x), y: snap(bottom) });
    x += sizeOf(node).width + looseGap;
  }

  return nodes.map((node) => ({ ...node, position: positions.get(node.id)! }));
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
