import type { NodeTypeName } from "@/engine/graph";

/**
 * A new node id such as `filter-3`: the type plus one more than the highest number any
 * existing id ends with, so ids stay unique, readable in problem messages, and are never
 * reused within a document even after deletions in the middle.
 */
export function nextNodeId(type: NodeTypeName, existingIds: Iterable<string>): string {
  let highest = 0;
  for (const id of existingIds) {
    const match = /-(\d+)$/.exec(id);
    if (match) highest = Math.max(highest, Number(match[1]));
  }
  return `${type}-${highest + 1}`;
}
