import type { PipelineDocument } from "@/engine/graph";
import { newNoteSize, type NoteFlowNode, type PipelineFlowEdge, type PipelineFlowNode } from "./flow-types";

/** Turns a saved document into React Flow nodes and edges, and its sticky notes into note nodes. */
export function documentToFlow(document: PipelineDocument): { nodes: PipelineFlowNode[]; edges: PipelineFlowEdge[]; notes: NoteFlowNode[] } {
  return {
    notes: (document.notes ?? []).map((note) => ({
      id: note.id,
      type: "note",
      position: { x: note.position.x, y: note.position.y },
      width: note.size.width,
      height: note.size.height,
      // Notes sit under the operators, so a note never hides a card.
      zIndex: -1,
      data: { text: note.text, color: note.color ?? "yellow" },
    })),
    nodes: document.nodes.map((node) => ({
      id: node.id,
      type: node.type,
      position: { x: node.position.x, y: node.position.y },
      data: node.data,
      ...(node.disabled ? { disabled: true as const } : {}),
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

/**
 * Extracts the document from React Flow state, dropping view-only fields (selection, measured
 * sizes). A canvas without notes gives a document without the `notes` key, as before notes existed.
 */
export function flowToDocument(nodes: readonly PipelineFlowNode[], edges: readonly PipelineFlowEdge[], notes: readonly NoteFlowNode[] = []): PipelineDocument {
  return {
    version: 1,
    nodes: nodes.map((node) => ({
      id: node.id,
      type: node.type,
      position: { x: Math.round(node.position.x), y: Math.round(node.position.y) },
      data: node.data,
      // Enabled nodes carry no flag, so documents that never disable anything keep their old shape.
      ...(node.disabled ? { disabled: true } : {}),
    })),
    edges: edges.map((edge) => ({
      id: edge.id,
      source: edge.source,
      target: edge.target,
      // An edge from a single output stays without sourceHandle, so documents without named outputs keep their old shape.
      ...(edge.sourceHandle ? { sourceHandle: edge.sourceHandle } : {}),
      targetHandle: edge.targetHandle || null,
    })),
    ...(notes.length > 0
      ? {
          notes: notes.map((note) => ({
            id: note.id,
            position: { x: Math.round(note.position.x), y: Math.round(note.position.y) },
            size: { width: Math.round(note.width ?? newNoteSize.width), height: Math.round(note.height ?? newNoteSize.height) },
            text: note.data.text,
            color: note.data.color,
          })),
        }
      : {}),
  };
}
