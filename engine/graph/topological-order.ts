/**
 * Orders node ids so every node comes after the nodes feeding it (Kahn's
 * algorithm, stable with respect to the input order). Assumes an acyclic graph;
 * nodes on a cycle are left out.
 */
export function topologicalOrder(nodeIds: readonly string[], edges: readonly { source: string; target: string }[]): string[] {
  const indegree = new Map<string, number>(nodeIds.map((id) => [id, 0]));
  const successors = new Map<string, string[]>(nodeIds.map((id) => [id, []]));
  for (const edge of edges) {
    if (!indegree.has(edge.source) || !indegree.has(edge.target)) continue;
    successors.get(edge.source)!.push(edge.target);
    indegree.set(edge.target, indegree.get(edge.target)! + 1);
  }
  const ready = nodeIds.filter((id) => indegree.get(id) === 0);
  const order: string[] = [];
  while (ready.length > 0) {
    const id = ready.shift()!;
    order.push(id);
    for (const next of successors.get(id)!) {
      const remaining = indegree.get(next)! - 1;
      indegree.set(next, remaining);
      if (remaining === 0) ready.push(next);
    }
  }
  return order;
}
