import { describe, expect, it } from "vitest";
import { nodeTypes } from "@/engine/graph";
import { T } from "@/engine/expr";
import type { SampledSchemaView } from "@/lib/schemas/topic-schema";
import { keySuggestionsFor } from "./key-suggestions";

const key = (field: string) => ({ field, type: "string", distinct: 3, presence: 1, reason: "r" });
const sample = (overrides: Partial<SampledSchemaView["suggestions"]>): SampledSchemaView => ({
  topic: "t",
  format: "json",
  sampled: 10,
  notObjects: 0,
  undecodable: 0,
  fields: [],
  sampledAt: "2026-12-02T00:00:00.000Z",
  suggestions: { groupKeys: [], identityKeys: [], eventTime: [], values: {}, ...overrides },
});

describe("keySuggestionsFor", () => {
  const edges = [
    { id: "e1", source: "orders", target: "f" },
    { id: "e2", source: "f", target: "n" },
  ];
  const samples = new Map([["orders", sample({ groupKeys: [key("country"), key("city")], identityKeys: [key("order_id")] })]]);

  it("offers grouping keys to a reduce's group-by and identity keys to a deduplicate's key, from the source upstream", () => {
    const reduce = keySuggestionsFor({ form: nodeTypes.reduce.form, data: { groupBy: ["city"] }, document: { edges }, nodeId: "n", inputType: null, samples });
    expect(reduce).toEqual([{ kind: "list", key: "groupBy", label: "Group by", candidates: [key("country")] }]);
    const dedupe = keySuggestionsFor({ form: nodeTypes.deduplicate.form, data: {}, document: { edges }, nodeId: "n", inputType: null, samples });
    expect(dedupe).toMatchObject([{ kind: "list", key: "key", candidates: [key("order_id")] }]);
  });

  it("leaves out fields a closed input type no longer has", () => {
    const result = keySuggestionsFor({ form: nodeTypes.reduce.form, data: {}, document: { edges }, nodeId: "n", inputType: T.row({ city: T.string }), samples });
    expect(result).toMatchObject([{ candidates: [key("city")] }]);
  });

  it("pairs a join's sides from the samples upstream of each port", () => {
    const joinEdges = [
      { id: "l", source: "orders", target: "j", targetHandle: "left" },
      { id: "r", source: "customers", target: "j", targetHandle: "right" },
    ];
    const ids = Array.from({ length: 20 }, (_, i) => String(i));
    const both = new Map([
      ["orders", sample({ values: { customer_id: { type: "number", values: ids } } })],
      ["customers", sample({ values: { id: { type: "number", values: ids }, name: { type: "string", values: ["a"] } } })],
    ]);
    const result = keySuggestionsFor({ form: nodeTypes.join.form, data: {}, document: { edges: joinEdges }, nodeId: "j", inputType: null, samples: both });
    expect(result).toMatchObject([{ kind: "join", pairs: [{ left: "customer_id", right: "id", overlap: 1 }] }]);
  });

  it("suggests nothing without a sampled source upstream", () => {
    expect(keySuggestionsFor({ form: nodeTypes.reduce.form, data: {}, document: { edges }, nodeId: "n", inputType: null, samples: new Map() })).toEqual([]);
  });
});
