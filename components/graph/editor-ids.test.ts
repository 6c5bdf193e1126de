import { describe, expect, it } from "vitest";
import { nextEdgeId } from "./next-edge-id";
import { nextNodeId } from "./next-node-id";
import { stableStringify } from "./stable-stringify";

describe("nextNodeId", () => {
  it("numbers one past the highest number any id ends with, never reusing one", () => {
    expect(nextNodeId("filter", [])).toBe("filter-1");
    expect(nextNodeId("map", ["filter-1", "map-2", "words"])).toBe("map-3");
    expect(nextNodeId("map", ["filter-7", "map-2"])).toBe("map-8");
  });
});

describe("nextEdgeId", () => {
  it("names what the edge connects, with the join side", () => {
    expect(nextEdgeId({ source: "a", target: "b", targetHandle: null }, new Set())).toBe("a-b");
    expect(nextEdgeId({ source: "a", target: "j", targetHandle: "left" }, new Set())).toBe("a-j.left");
  });

  it("adds a suffix when the name is taken", () => {
    expect(nextEdgeId({ source: "a", target: "b", targetHandle: null }, new Set(["a-b", "a-b-2"]))).toBe("a-b-3");
  });
});

describe("stableStringify", () => {
  it("writes equal content the same whatever the key order, at every depth", () => {
    expect(stableStringify({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: null } })).toBe(stableStringify({ a: { c: null, d: [1, { x: 1, y: 2 }] }, b: 1 }));
    expect(stableStringify({ b: 1, a: 2 })).toBe('{"a":2,"b":1}');
  });

  it("keeps array order, which is content", () => {
    expect(stableStringify([2, 1])).not.toBe(stableStringify([1, 2]));
  });
});
