import type { PipelineDocument, PipelineEdge, PipelineNode, PipelineNote } from "./pipeline-document";

/** One configuration field that differs between two versions of a node; `label` included, and `disabled` (true or false) when a node was disabled or enabled. */
export type FieldChange = { field: string; before: unknown; after: unknown };

export type NodeChange = { nodeId: string; type: string; fields: FieldChange[] };

/**
 * What changed from one pipeline document to another, node by node: added
 * and removed nodes and edges, nodes whose configuration changed (field by
 * field, top-level keys of `data`), and nodes that only moved on the canvas.
 * Nodes are matched by id, as the engine matches state.
 */
export type DocumentDiff = {
  unchanged: boolean;
  nodes: { added: PipelineNode[]; removed: PipelineNode[]; changed: NodeChange[]; moved: string[] };
  edges: { added: PipelineEdge[]; removed: PipelineEdge[] };
  /** Sticky notes by id: text, colour, place or size changed. They never change what runs. */
  notes: { added: string[]; removed: string[]; changed: string[] };
};

/** Compares two documents; `before` null means everything is added. */
export function diffDocuments(before: PipelineDocument | null, after: PipelineDocument): DocumentDiff {
  const old = new Map((before?.nodes ?? []).map((node) => [node.id, node]));
  const now = new Map(after.nodes.map((node) => [node.id, node]));
  const added = after.nodes.filter((node) => !old.has(node.id));
  const removed = (before?.nodes ?? []).filter((node) => !now.has(node.id));
  const changed: NodeChange[] = [];
  const moved: string[] = [];
  for (const node of after.nodes) {
    const previous = old.get(node.id);
    if (!previous) continue;
    const fields = fieldChanges(previous, node);
    if (fields.length > 0) changed.push({ nodeId: node.id, type: node.type, fields });
    if (previous.position.x !== node.position.x || previous.position.y !== node.position.y) moved.push(node.id);
  }
  const edgeKey = (edge: PipelineEdge) => `${edge.id}|${edge.source}|${edge.target}|${edge.targetHandle ?? ""}`;
  const oldEdges = new Set((before?.edges ?? []).map(edgeKey));
  const newEdges = new Set(after.edges.map(edgeKey));
  const edges = { added: after.edges.filter((e) => !oldEdges.has(edgeKey(e))), removed: (before?.edges ?? []).filter((e) => !newEdges.has(edgeKey(e))) };
  const notes = diffNotes(before?.notes ?? [], after.notes ?? []);
  const unchanged =
    added.length + removed.length + changed.length + moved.length + edges.added.length + edges.removed.length + notes.added.length + notes.removed.length + notes.changed.length === 0;
  return { unchanged, nodes: { added, removed, changed, moved }, edges, notes };
}

function diffNotes(before: readonly PipelineNote[], after: readonly PipelineNote[]): DocumentDiff["notes"] {
  const old = new Map(before.map((note) => [note.id, note]));
  const now = new Set(after.map((note) => note.id));
  return {
    added: after.filter((note) => !old.has(note.id)).map((note) => note.id),
    removed: before.filter((note) => !now.has(note.id)).map((note) => note.id),
    changed: after.filter((note) => old.has(note.id) && canonical(old.get(note.id)) !== canonical(note)).map((note) => note.id),
  };
}

function fieldChanges(before: PipelineNode, after: PipelineNode): FieldChange[] {
  const changes: FieldChange[] = [];
  if (before.type !== after.type) changes.push({ field: "type", before: before.type, after: after.type });
  // Absent and false both mean enabled: only a real switch is a change.
  const wasDisabled = before.disabled === true;
  const isDisabled = after.disabled === true;
  if (wasDisabled !== isDisabled) changes.push({ field: "disabled", before: wasDisabled, after: isDisabled });
  const keys = [...new Set([...Object.keys(before.data), ...Object.keys(after.data)])].sort();
  for (const key of keys) {
    if (canonical(before.data[key]) !== canonical(after.data[key])) changes.push({ field: key, before: before.data[key], after: after.data[key] });
  }
  return changes;
}

/** JSON with object keys sorted, so key order never counts as a change. */
export function canonical(value: unknown): string {
  if (value === undefined) return "undefined";
  return JSON.stringify(value, (_key, inner: unknown) =>
    inner && typeof inner === "object" && !Array.isArray(inner) ? Object.fromEntries(Object.entries(inner as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : inner,
  );
}

/** Lines for people: "+ node total (reduce)", "~ node non-empty: condition: "a" → "b"", "- edge a-b". */
export function describeDiff(diff: DocumentDiff): string[] {
  const show = (value: unknown) => (value === undefined ? "(none)" : JSON.stringify(value));
  return [
    ...diff.nodes.added.map((n) => `+ node ${n.id} (${n.type})`),
    ...diff.nodes.removed.map((n) => `- node ${n.id} (${n.type})`),
    ...diff.nodes.changed.flatMap((c) => c.fields.map((f) => `~ node ${c.nodeId}: ${f.field}: ${show(f.before)} → ${show(f.after)}`)),
    ...diff.nodes.moved.map((id) => `~ node ${id}: moved`),
    ...diff.edges.added.map((e) => `+ edge ${e.id} (${e.source} → ${e.target})`),
    ...diff.edges.removed.map((e) => `- edge ${e.id} (${e.source} → ${e.target})`),
    // Older servers answer without notes; a CLI talking to one must not stumble on that.
    ...(diff.notes?.added ?? []).map((id) => `+ note ${id}`),
    ...(diff.notes?.removed ?? []).map((id) => `- note ${id}`),
    ...(diff.notes?.changed ?? []).map((id) => `~ note ${id}`),
  ];
}
