import type { Edge, Node } from "@xyflow/react";
import type { NodeTypeName, NoteColor } from "@/engine/graph";

/**
 * A pipeline node as React Flow holds it. `data` is the node's configuration exactly as
 * the document stores it, and `disabled` the document's flag (true or absent); selection
 * and measured size live beside them and never reach the saved document.
 */
export type PipelineFlowNode = Node<Record<string, unknown>, NodeTypeName> & { disabled?: true };

/** A connection as React Flow holds it; `targetHandle` is "left"/"right" on joins, null elsewhere. */
export type PipelineFlowEdge = Edge;

/** The size node cards are drawn at, used to centre dropped nodes and lay the graph out before React Flow measures. */
export const nodeCardSize = { width: 216, height: 80 } as const;

/** Positions snap to this grid, both when dragging and when nodes are added or laid out. */
export const gridSize = 16;

/**
 * A sticky note as React Flow holds it: its own node type, kept in a list apart from the
 * operators (the editor merges both for React Flow), with its size as the node's width/height.
 */
export type NoteFlowNode = Node<{ text: string; color: NoteColor }, "note">;

/** The size a new note gets. */
export const newNoteSize = { width: 240, height: 144 } as const;

/** Every node React Flow draws on the editing canvas: operators and notes. */
export type CanvasFlowNode = PipelineFlowNode | NoteFlowNode;

/** Whether a canvas node is a sticky note rather than an operator. */
export function isNoteNode(node: { type?: string }): node is NoteFlowNode {
  return node.type === "note";
}
