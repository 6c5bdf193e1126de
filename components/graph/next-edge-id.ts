/**
 * An edge id that says what it connects (`filter-1-map-2`, `map-3-join-4.left`,
 * `route-1.high-sink-2`), with a numeric suffix in the unlikely case that id is already taken.
 */
export function nextEdgeId(
  connection: { source: string; target: string; sourceHandle?: string | null; targetHandle: string | null },
  existingIds: ReadonlySet<string>,
): string {
  const from = `${connection.source}${connection.sourceHandle ? `.${connection.sourceHandle}` : ""}`;
  const base = `${from}-${connection.target}${connection.targetHandle ? `.${connection.targetHandle}` : ""}`;
  if (!existingIds.has(base)) return base;
  let suffix = 2;
  while (existingIds.has(`${base}-${suffix}`)) suffix += 1;
  return `${base}-${suffix}`;
}
