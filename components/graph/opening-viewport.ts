/** A box in flow coordinates. */
export type FlowBounds = { x: number; y: number; width: number; height: number };
export type Viewport = { x: number; y: number; zoom: number };
export type Padding = { top: number; right: number; bottom: number; left: number };

/**
 * The view a pipeline opens with: the whole graph, centred, at most at zoom `max` (1: cards at
 * their real size). When the whole graph would need a zoom below `min`, where card text gets
 * too small to read, it opens at `min` instead, showing the graph from its left edge (its
 * sources: records flow left to right), centred vertically; the minimap shows the rest.
 */
export function openingViewport(bounds: FlowBounds, view: { width: number; height: number }, padding: Padding, zoom = { min: 0.8, max: 1 }): Viewport {
  const room = { width: Math.max(view.width - padding.left - padding.right, 1), height: Math.max(view.height - padding.top - padding.bottom, 1) };
  const fit = Math.min(room.width / Math.max(bounds.width, 1), room.height / Math.max(bounds.height, 1));
  const chosen = Math.min(Math.max(fit, zoom.min), zoom.max);
  const centreY = padding.top + room.height / 2 - (bounds.y + bounds.height / 2) * chosen;
  const fitsAcross = bounds.width * chosen <= room.width;
  const x = fitsAcross ? padding.left + room.width / 2 - (bounds.x + bounds.width / 2) * chosen : padding.left - bounds.x * chosen;
  return { x, y: centreY, zoom: chosen };
}
