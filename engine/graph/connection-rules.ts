/** The ends of an edge, as the editor and the document both have them. */
export type EdgeEnds = { source: string; target: string; targetHandle?: string | null };

/** Why a new edge would break the graph's rules. */
export type ConnectionRefusal = "self-loop" | "input-taken" | "cycle";

/**
 * Whether `edge` may be added to a graph that has `edges`: not from a node to itself, not into
 * an input port (a node's single input, or one side of a join) that already has an edge, and
 * not closing a loop. The same rules `validatePipeline` enforces on a whole document
 * (`node.too-many-inputs`, `join.duplicate-input`, `graph.cycle`), asked one edge at a time,
 * so the editor refuses a connection while it is dragged rather than after a save.
 */
export function connectionRefusal(edges: readonly EdgeEnds[], edge: EdgeEnds, target: { manyInputs?: boolean } = {}): ConnectionRefusal | null {
  if (edge.source === edge.target) return "self-loop";
  const handle = edge.targetHandle ?? null;
  // A node that takes several inputs (a union) accepts any number of edges on its input.
  if (!target.manyInputs && edges.some((other) => other.target === edge.target && (other.targetHandle ?? null) === handle)) return "input-taken";
  if (reaches(edges, edge.target, edge.source)) return "cycle";
  return null;
}

/** Whether `to` can be reached from `from` along `edges` (a node reaches itself). */
export function reaches(edges: readonly EdgeEnds[], from: string, to: string): boolean {
  const successors = new Map<string, string[]>();
  for (const edge of edges) successors.set(edge.source, [...(successors.get(edge.source) ?? []), edge.target]);
  const seen = new Set<string>();
  const pending = [from];
  while (pending.length > 0) {
    const current = pending.pop()!;
    if (current === to) return true;
    if (seen.has(current)) continue;
    seen.add(current);
    pending.push(...(successors.get(current) ?? []));
  }
  return false;
}
