import { diffDocuments, type PipelineDocument, type PipelineEdge, type PipelineNode } from "@/engine/graph";
import { textDiff, type TextSegment } from "./text-diff";

/** How a node or an edge fares from the older version to the newer one. */
export type DiffMark = "added" | "removed" | "changed" | "unchanged";

export type MarkedNode = PipelineNode & { mark: DiffMark };
export type MarkedEdge = PipelineEdge & { mark: Exclude<DiffMark, "changed"> };

/** One changed field of a node, ready to show: values as text, strings also as a text diff. */
export type FieldChangeRow = { field: string; before: string; after: string; segments: TextSegment[] | null };

export type NodeChangeRow = { nodeId: string; type: string; label: string; mark: Exclude<DiffMark, "unchanged">; fields: FieldChangeRow[] };

/** Two versions laid over each other: every node and edge of both, marked, and the changes listed node by node. */
export type VersionDiffView = {
  nodes: MarkedNode[];
  edges: MarkedEdge[];
  changes: NodeChangeRow[];
  counts: { added: number; removed: number; changed: number; edgesAdded: number; edgesRemoved: number };
  /** True when the two versions differ in nothing but node positions (or nothing at all). */
  sameGraph: boolean;
};

/**
 * Lays `before` and `after` over each other for the canvas: the newer version's nodes and
 * edges where they are, plus what it no longer has (removed) where it was. Nodes are
 * matched by id, as the engine matches state, so a change here is a change the deploy
 * plan sees. A node that only moved is unchanged.
 */
export function markVersionDiff(before: PipelineDocument, after: PipelineDocument): VersionDiffView {
  const diff = diffDocuments(before, after);
  const added = new Set(diff.nodes.added.map((node) => node.id));
  const changedById = new Map(diff.nodes.changed.map((change) => [change.nodeId, change]));
  const addedEdges = new Set(diff.edges.added.map((edge) => edge.id));

  const nodes: MarkedNode[] = [
    ...after.nodes.map((node): MarkedNode => ({ ...node, mark: added.has(node.id) ? "added" : changedById.has(node.id) ? "changed" : "unchanged" })),
    ...diff.nodes.removed.map((node): MarkedNode => ({ ...node, mark: "removed" })),
  ];
  // An edge re-pointed under the same id is both removed (old route) and added (new one): the
  // removed copy gets its own id so React Flow can draw the two side by side.
  const edges: MarkedEdge[] = [
    ...after.edges.map((edge): MarkedEdge => ({ ...edge, mark: addedEdges.has(edge.id) ? "added" : "unchanged" })),
    ...diff.edges.removed.map((edge): MarkedEdge => ({ ...edge, id: addedEdges.has(edge.id) ? `${edge.id} (before)` : edge.id, mark: "removed" })),
  ];

  const changes: NodeChangeRow[] = [
    ...diff.nodes.added.map((node) => ({ ...rowBase(node), mark: "added" as const, fields: [] })),
    ...diff.nodes.removed.map((node) => ({ ...rowBase(node), mark: "removed" as const, fields: [] })),
    ...diff.nodes.changed.map((change) => {
      const node = after.nodes.find((candidate) => candidate.id === change.nodeId)!;
      return { ...rowBase(node), mark: "changed" as const, fields: change.fields.map((field) => fieldRow(field.field, field.before, field.after)) };
    }),
  ];

  const counts = {
    added: diff.nodes.added.length,
    removed: diff.nodes.removed.length,
    changed: diff.nodes.changed.length,
    edgesAdded: diff.edges.added.length,
    edgesRemoved: diff.edges.removed.length,
  };
  const sameGraph = Object.values(counts).every((count) => count === 0);
  return { nodes, edges, changes, counts, sameGraph };
}

function rowBase(node: PipelineNode) {
  const label = typeof node.data.label === "string" && node.data.label.trim() ? node.data.label.trim() : node.id;
  return { nodeId: node.id, type: node.type, label };
}

/** A value as people read it in a diff: strings bare, everything else as compact JSON, absence as "(none)". */
export function showValue(value: unknown): string {
  if (value === undefined) return "(none)";
  if (typeof value === "string") return value;
  return JSON.stringify(value);
}

function fieldRow(field: string, before: unknown, after: unknown): FieldChangeRow {
  const segments = typeof before === "string" && typeof after === "string" ? textDiff(before, after) : null;
  return { field, before: showValue(before), after: showValue(after), segments };
}
