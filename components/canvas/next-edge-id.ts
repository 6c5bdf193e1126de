/**
 * An edge id that says what it connects (`filter-1-map-2`, `map-3-join-4.left`), with a
 * numeric suffix in the unlikely case that id is already taken.
 */
export function nextEdgeId(
  connection: { source: string; target: string; targetHandle: string | null },
  existingIds: ReadonlySet<string>,
): string {
  const base = `${connection.source}-${connection.target}${connection.targetHandle ? `.${connection.targetHandle}` : ""}`;
  if (!existingIds.has(base)) return base;
  let suffix = 2;
  while (existingIds.has(`${base}-${suffix}`)) suffix += 1;
  return `${base}-${suffix}`;
}
