import { pipelineDocumentSchema, type PipelineDocument, type PipelineEdge, type PipelineNode } from "@/engine/graph";
import { nextEdgeId } from "./next-edge-id";
import { nextNodeId } from "./next-node-id";

/**
 * What the canvas puts on the system clipboard: a pipeline document (format version 1) holding
 * the copied nodes and only the edges between them. Being a whole valid document, it pastes into
 * any pipeline, in any tab, and can be saved to a file and imported as it is.
 */
export type ClipboardFragment = PipelineDocument;

type Point = { x: number; y: number };

/** Positions snap to this grid when pasted, as they do when nodes are dragged. */
const grid = 16;

/**
 * The fragment for the nodes in `selected`: those nodes as they are, the edges whose both ends
 * are among them (an edge to a node left behind would dangle), and the selected notes.
 * Returns null when nothing is selected.
 */
export function copyFragment(document: PipelineDocument, selected: { nodes: ReadonlySet<string>; notes?: ReadonlySet<string> }): ClipboardFragment | null {
  const nodes = document.nodes.filter((node) => selected.nodes.has(node.id));
  const notes = (document.notes ?? []).filter((note) => selected.notes?.has(note.id));
  if (nodes.length === 0 && notes.length === 0) return null;
  const edges = document.edges.filter((edge) => selected.nodes.has(edge.source) && selected.nodes.has(edge.target));
  return { version: 1, nodes: structuredClone(nodes), edges: structuredClone(edges), ...(notes.length > 0 ? { notes: structuredClone(notes) } : {}) };
}

/** The JSON text put on the clipboard: indented, so it reads well when pasted into a file. */
export function fragmentToText(fragment: ClipboardFragment): string {
  return JSON.stringify(fragment, null, 2);
}

export type ParsedClipboard = { ok: true; fragment: ClipboardFragment } | { ok: false; error: string };

/**
 * Reads clipboard text as something to paste: a fragment copied from a canvas, a whole pipeline
 * document, or a pipeline file as `streamline export` writes it (`{ kind, name, graph }`).
 * Anything else is refused with a message that says what is wrong and where.
 */
export function parseClipboardText(text: string): ParsedClipboard {
  const trimmed = text.trim();
  if (trimmed === "") return { ok: false, error: "Nothing to paste: the clipboard is empty." };
  let value: unknown;
  try {
    value = JSON.parse(trimmed);
  } catch (error) {
    return { ok: false, error: `Cannot paste: the clipboard does not hold pipeline JSON (${error instanceof Error ? error.message : String(error)}).` };
  }
  const candidate = isRecord(value) && value.kind === "streamline-pipeline" && "graph" in value ? value.graph : value;
  const parsed = pipelineDocumentSchema.safeParse(candidate);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const where = issue.path.length > 0 ? ` at ${issue.path.join(".")}` : "";
    return { ok: false, error: `Cannot paste: the clipboard's JSON is not a pipeline document${where}: ${issue.message}.` };
  }
  if (parsed.data.nodes.length === 0 && (parsed.data.notes ?? []).length === 0) return { ok: false, error: "Nothing to paste: the pipeline document on the clipboard has no nodes." };
  return { ok: true, fragment: parsed.data };
}

/** The elements a paste adds, with ids new to the target document. */
export type PastedElements = { nodes: PipelineNode[]; edges: PipelineEdge[]; notes: NonNullable<PipelineDocument["notes"]> };

/**
 * Re-ids `fragment` for a document that already has `existing` ids and moves it so the centre
 * of its nodes' bounding box lands on `at` (snapped to the grid), keeping the nodes' relative
 * positions. Edges follow their nodes' new ids; edges whose ends are not both in the fragment
 * (a hand-edited paste) are dropped rather than left dangling.
 */
export function pasteFragment(
  fragment: ClipboardFragment,
  existing: { nodeIds: Iterable<string>; edgeIds: Iterable<string>; noteIds?: Iterable<string> },
  at: Point,
  cardSize: { width: number; height: number },
): PastedElements {
  const centre = fragmentCentre(fragment, cardSize);
  const dx = snap(at.x - centre.x);
  const dy = snap(at.y - centre.y);
  const move = (position: Point) => ({ x: position.x + dx, y: position.y + dy });

  const nodeIds = [...existing.nodeIds, ...(existing.noteIds ?? [])];
  const renamed = new Map<string, string>();
  const nodes = fragment.nodes.map((node) => {
    const id = nextNodeId(node.type, nodeIds);
    nodeIds.push(id);
    renamed.set(node.id, id);
    return { ...structuredClone(node), id, position: move(node.position) };
  });
  const edgeIds = new Set(existing.edgeIds);
  const edges: PipelineEdge[] = [];
  for (const edge of fragment.edges) {
    const source = renamed.get(edge.source);
    const target = renamed.get(edge.target);
    if (!source || !target) continue;
    const ends = { source, target, sourceHandle: edge.sourceHandle ?? null, targetHandle: edge.targetHandle ?? null };
    const id = nextEdgeId(ends, edgeIds);
    edgeIds.add(id);
    edges.push({ id, source, target, ...(edge.sourceHandle ? { sourceHandle: edge.sourceHandle } : {}), targetHandle: edge.targetHandle ?? null });
  }
  const notes = (fragment.notes ?? []).map((note) => {
    const id = nextNoteId(nodeIds);
    nodeIds.push(id);
    return { ...structuredClone(note), id, position: move(note.position) };
  });
  return { nodes, edges, notes };
}

/** A note id such as `note-4`, numbered like node ids so the two never collide on the canvas. */
export function nextNoteId(existingIds: Iterable<string>): string {
  let highest = 0;
  for (const id of existingIds) {
    const match = /-(\d+)$/.exec(id);
    if (match) highest = Math.max(highest, Number(match[1]));
  }
  return `note-${highest + 1}`;
}

/** The centre of a fragment's bounding box (nodes drawn at `cardSize`, notes at their own size). */
export function fragmentCentre(fragment: ClipboardFragment, cardSize: { width: number; height: number }): Point {
  const boxes = [
    ...fragment.nodes.map((node) => ({ ...node.position, ...cardSize })),
    ...(fragment.notes ?? []).map((note) => ({ ...note.position, ...note.size })),
  ];
  const left = Math.min(...boxes.map((box) => box.x));
  const top = Math.min(...boxes.map((box) => box.y));
  const right = Math.max(...boxes.map((box) => box.x + box.width));
  const bottom = Math.max(...boxes.map((box) => box.y + box.height));
  return { x: (left + right) / 2, y: (top + bottom) / 2 };
}

function snap(value: number): number {
  return Math.round(value / grid) * grid;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
