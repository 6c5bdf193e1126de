import { describe, expect, it } from "vitest";
import { T } from "@/engine/expr";
import { edgeTypeLabel } from "./edge-type-label";

describe("edgeTypeLabel", () => {
  it("counts the fields of a known record and lists them with their types", () => {
    expect(edgeTypeLabel(T.row({ word: T.string, n: T.bigint }))).toEqual({
      short: "2 fields",
      fields: [
        { name: "word", type: "STRING" },
        { name: "n", type: "BIGINT" },
      ],
      open: false,
    });
    expect(edgeTypeLabel(T.row({ text: T.string }))!.short).toBe("1 field");
  });

  it("says when more fields may arrive, and when nothing is known", () => {
    expect(edgeTypeLabel(T.row({ a: T.int }, { open: true }))!.short).toBe("1 field +");
    expect(edgeTypeLabel(T.anyRecord())!.short).toBe("any fields");
    expect(edgeTypeLabel(undefined)).toBeNull();
  });
});
