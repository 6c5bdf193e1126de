import { describe, expect, it } from "vitest";
import { T } from "../expr/types";
import { checkPipelineExpressions } from "../graph/check-expressions";
import type { PipelineDocument } from "../graph/pipeline-document";
import { validatePipeline } from "../graph/validate-pipeline";
import { inferSchema } from "./infer-schema";
import { pinFromInferred, pinnedRecordType } from "./pinned-schema";

const graph = (source: Record<string, unknown>, condition: string): PipelineDocument => ({
  version: 1,
  nodes: [
    { id: "in", type: "kafka-source", position: { x: 0, y: 0 }, data: { topic: "orders", format: "json", startFrom: "earliest", ...source } },
    { id: "big", type: "filter", position: { x: 200, y: 0 }, data: { condition } },
    { id: "out", type: "kafka-sink", position: { x: 400, y: 0 }, data: { topic: "big-orders", format: "json" } },
  ],
  edges: [
    { id: "e1", source: "in", target: "big" },
    { id: "e2", source: "big", target: "out" },
  ],
});

describe("pinned schema", () => {
  it("pins an inferred sample: every field with its type, required when always present and non-null", () => {
    const pinned = pinFromInferred(inferSchema([{ id: 1, note: null, customer: { name: "a", tag: null } }, { id: 2, customer: { name: "b" } }]));
    expect(pinned).toEqual({
      fields: [
        { name: "id", type: "INT", required: true },
        { name: "note", type: "ANY" },
        { name: "customer", type: "ROW<name STRING, tag ANY>", required: true },
      ],
    });
    expect(pinnedRecordType(pinned)).toEqual(T.row({ id: T.int, note: T.any, customer: T.row({ name: T.string, tag: T.any }) }));
  });

  it("types the source's records by it, so an unknown field is caught while editing", () => {
    const pinnedSchema = { fields: [{ name: "amount", type: "DOUBLE", required: true }, { name: "country", type: "STRING" }] };
    expect(validatePipeline(graph({ pinnedSchema }, "amount > 100")).ok).toBe(true);
    const typo = checkPipelineExpressions(graph({ pinnedSchema }, "amout > 100"));
    expect(typo.problems).toMatchObject([{ nodeId: "big", field: "condition", code: "T1001" }]);
    expect(typo.outputTypes.get("in")).toEqual(T.row({ amount: T.double, country: T.string }));
    // Without a pinned schema (older documents) the same expression is still accepted: any field may arrive.
    expect(checkPipelineExpressions(graph({}, "amout > 100")).problems).toEqual([]);
    expect(validatePipeline(graph({}, "amout > 100")).ok).toBe(true);
  });

  it("rejects a type that does not parse and a field pinned twice, naming where", () => {
    const result = validatePipeline(graph({ pinnedSchema: { fields: [{ name: "a", type: "NUMBER" }, { name: "a", type: "INT" }] } }, "TRUE"));
    expect(result.ok).toBe(false);
    const messages = result.problems.map((problem) => `${problem.field}: ${problem.message}`);
    expect(messages.some((message) => message.startsWith("pinnedSchema.fields.0.type: Kafka source in: 'NUMBER' is not a type"))).toBe(true);
    expect(messages).toContain("pinnedSchema.fields.1.name: Kafka source in: Field 'a' is pinned twice");
  });
});
