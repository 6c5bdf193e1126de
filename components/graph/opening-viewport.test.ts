import { describe, expect, it } from "vitest";
import { openingViewport } from "./opening-viewport";

const padding = { top: 56, right: 24, bottom: 136, left: 24 };

describe("openingViewport", () => {
  it("centres a small graph at zoom 1 at most", () => {
    const view = openingViewport({ x: 0, y: 0, width: 216, height: 80 }, { width: 1000, height: 700 }, padding);
    expect(view.zoom).toBe(1);
    // The graph's centre lands on the centre of the padded room.
    expect(view.x + 108).toBeCloseTo(24 + 952 / 2);
    expect(view.y + 40).toBeCloseTo(56 + 508 / 2);
  });

  it("fits a graph that fits between 0.8 and 1", () => {
    const view = openingViewport({ x: 0, y: 0, width: 1100, height: 80 }, { width: 1000, height: 700 }, padding);
    expect(view.zoom).toBeCloseTo(952 / 1100);
  });

  it("opens the word count at 864 px wide at 0.8 from its source, not at 0.6", () => {
    const view = openingViewport({ x: 0, y: 80, width: 1336, height: 80 }, { width: 864, height: 700 }, padding);
    expect(view.zoom).toBe(0.8);
    // The source (left edge) starts right after the padding.
    expect(view.x).toBe(24);
  });
});
