import { describe, expect, it } from "vitest";
import { textDiff } from "./text-diff";

describe("textDiff", () => {
  it("marks only the words that changed", () => {
    expect(textDiff("amount > 10 and country = 'DE'", "amount > 20 and country = 'DE'")).toEqual([
      { kind: "same", text: "amount > " },
      { kind: "removed", text: "10" },
      { kind: "added", text: "20" },
      { kind: "same", text: " and country = 'DE'" },
    ]);
  });

  it("handles insertions, deletions and empty sides", () => {
    expect(textDiff("a b", "a x b")).toEqual([
      { kind: "same", text: "a " },
      { kind: "added", text: "x " },
      { kind: "same", text: "b" },
    ]);
    expect(textDiff("", "new")).toEqual([{ kind: "added", text: "new" }]);
    expect(textDiff("old", "")).toEqual([{ kind: "removed", text: "old" }]);
    expect(textDiff("same", "same")).toEqual([{ kind: "same", text: "same" }]);
  });

  it("always rebuilds both texts from its segments", () => {
    const pairs: [string, string][] = [["lower(word) != 'the'", "upper(word) != 'THE' and len(word) > 2"], ["x", "y z"], ["a.b.c", "a.c"]];
    for (const [before, after] of pairs) {
      const segments = textDiff(before, after);
      expect(segments.filter((s) => s.kind !== "added").map((s) => s.text).join("")).toBe(before);
      expect(segments.filter((s) => s.kind !== "removed").map((s) => s.text).join("")).toBe(after);
    }
  });
});
