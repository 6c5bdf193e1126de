import { describe, expect, it } from "vitest";
import { findMalformedString, isWellFormed } from "./well-formed";

/** Lone surrogates crashed the database drivers with a 500 (found by app/api/route-fuzz.test.ts); they are refused first. */
describe("well-formed text", () => {
  it("tells lone surrogates from pairs", () => {
    expect(isWellFormed("plain 😀 text")).toBe(true);
    expect(isWellFormed("\ud800")).toBe(false);
    expect(isWellFormed("a\udc00b")).toBe(false);
    expect(isWellFormed("\ud83d\ude00\ud83d")).toBe(false);
  });

  it("names the first malformed string or key in a parsed body, however deep", () => {
    expect(findMalformedString({ name: "ok", tags: ["a", "b"] })).toBeNull();
    expect(findMalformedString({ name: "ok", graph: { nodes: [{ data: { label: "\ud800" } }] } })).toBe("graph.nodes.0.data.label");
    expect(findMalformedString({ ["bad\udfff"]: 1 })).toBe("bad\udfff");
    let deep: unknown = "\ud800";
    for (let i = 0; i < 200_000; i++) deep = [deep];
    expect(findMalformedString(deep)).toMatch(/^0(\.0)*$/);
  });
});
