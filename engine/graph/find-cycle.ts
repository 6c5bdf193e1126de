/**
 * Finds one directed cycle, returned as the node ids along it (first id not
 * repeated), or `null` when the graph is acyclic. Iterative, so a long chain
 * of nodes cannot overflow the stack.
 */
export function findCycle(nodeIds: readonly string[], edges: readonly { source: string; target: string }[]): string[] | null {
  const successors = new Map<string, string[]>(nodeIds.map((id) => [id, []]));
  for (const edge of edges) successors.get(edge.source)?.push(edge.target);

  const state = new Map<string, "visiting" | "done">();
  for (const start of nodeIds) {
    if (state.has(start)) continue;
    const path: string[] = [];
    const stack: { id: string; next: number }[] = [{ id: start, next: 0 }];
    state.set(start, "visiting");
    path.push(start);
    while (stack.length > 0) {
      const frame = stack[stack.length - 1]!;
      const children = successors.get(frame.id) ?? [];
      if (frame.next >= children.length) {
        state.set(frame.id, "done");
        stack.pop();
        path.pop();
        continue;
      }
      const child = children[frame.next++]!;
      const childState = state.get(child);
      if (childState === "visiting") return path.slice(path.indexOf(child));
      if (childState === undefined && successors.has(child)) {
        state.set(child, "visiting");
        path.push(child);
        stack.push({ id: child, next: 0 });
      }
    }
  }
  return null;
}
