import type { PipelineDocument } from "../graph/pipeline-document";

/**
 * The nearest node upstream of `nodeId` (breadth-first against the edges)
 * that `accept` takes, e.g. a source that has a sample. `handle` limits the
 * first step to the edges into one named input port (a join's `left`).
 */
export function nearestUpstream(
  document: Pick<PipelineDocument, "edges">,
  nodeId: string,
  accept: (id: string) => boolean,
  handle?: string,
): string | null {
  const seen = new Set<string>();
  let frontier = [nodeId];
  let first = true;
  while (frontier.length > 0) {
    const next: string[] = [];
    for (const id of frontier) {
      for (const edge of document.edges) {
        if (edge.target !== id || seen.has(edge.source)) continue;
        if (first && handle !== undefined && (edge.targetHandle ?? null) !== handle) continue;
        seen.add(edge.source);
        if (accept(edge.source)) return edge.source;
        next.push(edge.source);
      }
    }
    first = false;
    frontier = next;
  }
  return null;
}
