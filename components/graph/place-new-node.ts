import type { XYPosition } from "@xyflow/react";

/** A node's box on the canvas, in flow coordinates. */
export type NodeBox = { x: number; y: number; width: number; height: number };

/** Space kept between a new node and the nodes already there, in flow units. */
const gap = 24;

/**
 * Where a node of `size` added near `preferred` goes: `preferred` itself when it overlaps
 * nothing, else the nearest free slot on a grid of card-sized steps around it (right and
 * below first, at equal distance), so a new node never hides one already there.
 */
export function placeNewNode(preferred: XYPosition, size: { width: number; height: number }, existing: readonly NodeBox[]): XYPosition {
  const stepX = size.width + gap;
  const stepY = size.height + gap;
  const free = (position: XYPosition) => existing.every((box) => !overlaps({ ...position, ...size }, box));
  if (free(preferred)) return preferred;
  // Rings of growing radius; enough rings for any canvas the document limits allow.
  for (let ring = 1; ring <= 64; ring++) {
    const candidates: XYPosition[] = [];
    for (let dx = -ring; dx <= ring; dx++) {
      for (let dy = -ring; dy <= ring; dy++) {
        if (Math.max(Math.abs(dx), Math.abs(dy)) !== ring) continue;
        candidates.push({ x: preferred.x + dx * stepX, y: preferred.y + dy * stepY });
      }
    }
    candidates.sort((a, b) => distance(a, preferred) - distance(b, preferred) || b.y - a.y || b.x - a.x);
    const found = candidates.find(free);
    if (found) return found;
  }
  return preferred;
}

function overlaps(a: NodeBox, b: NodeBox): boolean {
  return a.x < b.x + b.width + gap && b.x < a.x + a.width + gap && a.y < b.y + b.height + gap && b.y < a.y + a.height + gap;
}

function distance(a: XYPosition, b: XYPosition): number {
  return Math.hypot((a.x - b.x) / 2, a.y - b.y);
}
