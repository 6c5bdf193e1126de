import { describe, expect, it } from "vitest";
import { T } from "@/engine/expr";
import { completionWordAt, expressionCompletions, functionDoc, wordAround } from "./expression-completions";

const input = T.row({ amount: T.double, country: T.string, customer: T.row({ name: T.string, "home city": T.string }), "order id": T.bigint });

describe("completionWordAt", () => {
  it("finds the word being typed and the dotted path before it", () => {
    expect(completionWordAt("amount > 1 AND coun", 19)).toEqual({ from: 15, word: "coun", path: [] });
    expect(completionWordAt("customer.na", 11)).toEqual({ from: 9, word: "na", path: ["customer"] });
    expect(completionWordAt("`a b`.c", 7)).toEqual({ from: 6, word: "c", path: ["a b"] });
    expect(completionWordAt("x + ", 4)).toEqual({ from: 4, word: "", path: [] });
  });

  it("completes nothing inside a string literal", () => {
    expect(completionWordAt("country = 'U", 12)).toBeNull();
    expect(completionWordAt("country = 'it''s' AND am", 24)).toEqual({ from: 22, word: "am", path: [] });
  });
});

describe("expressionCompletions", () => {
  it("offers the input's fields with their types, functions with signatures and keywords", () => {
    const all = expressionCompletions(input, { word: "a", path: [] });
    expect(all.find((c) => c.label === "amount")).toMatchObject({ type: "property", detail: "DOUBLE" });
    expect(all.find((c) => c.label === "customer")).toMatchObject({ detail: "ROW<name STRING, `home city` STRING>" });
    expect(all.find((c) => c.label === "order id")).toMatchObject({ apply: "`order id`", detail: "BIGINT" });
    const upper = all.find((c) => c.label === "UPPER")!;
    expect(upper).toMatchObject({ type: "function", apply: "UPPER(", detail: "(s STRING) → STRING" });
    expect(upper.info).toContain("upper case");
    expect(all.find((c) => c.label === "CASE")).toMatchObject({ type: "keyword" });
    // Fields rank above functions, functions above keywords.
    expect(all.find((c) => c.label === "amount")!.boost).toBeGreaterThan(upper.boost);
  });

  it("after a row field and a dot offers only that row's fields", () => {
    const nested = expressionCompletions(input, { word: "", path: ["customer"] });
    expect(nested.map((c) => c.label)).toEqual(["name", "home city"]);
    expect(expressionCompletions(input, { word: "", path: ["amount"] })).toEqual([]);
    expect(expressionCompletions(input, { word: "", path: ["nope"] })).toEqual([]);
  });

  it("waits for a letter unless asked explicitly, and works without a known input", () => {
    expect(expressionCompletions(input, { word: "", path: [] })).toEqual([]);
    expect(expressionCompletions(input, { word: "", path: [] }, true).length).toBeGreaterThan(30);
    const unknown = expressionCompletions(null, { word: "u", path: [] });
    expect(unknown.some((c) => c.type === "property")).toBe(false);
    expect(unknown.some((c) => c.label === "UPPER")).toBe(true);
  });
});

describe("hover docs", () => {
  it("finds the word under the cursor and a function's doc in any case", () => {
    expect(wordAround("upper(country)", 2)).toEqual({ from: 0, to: 5, word: "upper" });
    expect(wordAround("a + 1", 2)).toBeNull();
    expect(functionDoc("upper")).toMatchObject({ name: "UPPER", signature: "UPPER(s STRING) → STRING" });
    expect(functionDoc("country")).toBeNull();
  });
});
