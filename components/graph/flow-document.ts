import type { PipelineDocument } from "@/engine/graph";
import type { PipelineFlowEdge, PipelineFlowNode } from "./flow-types";

/** Turns a saved document into React Flow nodes and edges. */
export function documentToFlow(document: PipelineDocument): { nodes: PipelineFlowNode[]; edges: PipelineFlowEdge[] } {
  return {
    nodes: document.nodes.map((node) => ({
      id: node.id,
      type: node.type,
      position: { x: node.position.x, y: node.position.y },
      data: node.data,
    })),
    edges: document.edges.map((edge) => ({
      id: edge.id,
      source: edge.source,
      target: edge.target,
      sourceHandle: edge.sourceHandle ?? null,
      targetHandle: edge.targetHandle ?? null,
    })),
  };
}

/** Extracts the document from React Flow state, dropping view-only fields (selection, measured sizes). */
export function flowToDocument(nodes: readonly PipelineFlowNode[], edges: readonly PipelineFlowEdge[]): PipelineDocument {
  return {
    version: 1,
    nodes: nodes.map((node) => ({
      id: node.id,
      type: node.type,
      position: { x: Math.round(node.position.x), y: Math.round(node.position.y) },
      data: node.data,
    })),
    edges: edges.map((edge) => ({
      id: edge.id,
      source: edge.source,
      target: edge.target,
      // An edge from a single output stays without sourceHandle, so documents without named outputs keep their old shape.
      ...(edge.sourceHandle ? { sourceHandle: edge.sourceHandle } : {}),
      targetHandle: edge.targetHandle || null,
    })),
  };
}
