import { describe, expect, it } from "vitest";
import { placeNewNode, type NodeBox } from "./place-new-node";

const size = { width: 216, height: 80 };
const box = (x: number, y: number): NodeBox => ({ x, y, ...size });
const overlap = (a: NodeBox, b: NodeBox) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

describe("placeNewNode", () => {
  it("keeps the preferred position on free space", () => {
    expect(placeNewNode({ x: 100, y: 100 }, size, [box(600, 600)])).toEqual({ x: 100, y: 100 });
  });

  it("never overlaps a node already at the preferred position, nor one nearby", () => {
    const existing = [box(100, 100)];
    for (let i = 0; i < 12; i++) {
      const placed = { ...placeNewNode({ x: 100, y: 100 }, size, existing), ...size };
      for (const other of existing) expect(overlap(placed, other)).toBe(false);
      existing.push(placed);
    }
  });

  it("places a node clear of the one it would hide, not a few pixels off", () => {
    const placed = placeNewNode({ x: 0, y: 0 }, size, [box(10, 10)]);
    const moved = Math.max(Math.abs(placed.x - 10) - size.width, Math.abs(placed.y - 10) - size.height);
    expect(moved).toBeGreaterThanOrEqual(0);
  });

  it("takes the nearest free slot: below a lone node rather than far away", () => {
    const placed = placeNewNode({ x: 0, y: 0 }, size, [box(0, 0)]);
    expect(placed).toEqual({ x: 0, y: 104 });
  });
});
