import { describe, expect, it } from "vitest";
import { wordCountTemplate, type PipelineProblem } from "@/engine/graph";
import { expressionSpanLookup, fieldErrorLookup, nodeLevelProblems } from "./field-problems";
import { inputFieldsOf } from "./input-fields";
import { readNumber, readRecord, readRecords, readString, readStrings } from "./read-data";

const problem = (values: Partial<PipelineProblem>): PipelineProblem => ({ code: "node.config", message: "", structural: false, ...values });

describe("fieldErrorLookup", () => {
  const node = { id: "count", type: "reduce" as const, data: { label: "Count per word" } };
  const problems = [
    problem({ nodeId: "count", field: "groupBy", message: "'Count per word' (count): Group by at least one field" }),
    problem({ nodeId: "count", field: "groupBy.1", message: "Reduce count: Unknown field" }),
    problem({ nodeId: "count", message: "Reduce count has no input" }),
    problem({ nodeId: "other", field: "groupBy", message: "elsewhere" }),
  ];

  it("shows a field its own problems and those inside it, without the node's name", () => {
    const lookup = fieldErrorLookup(node, problems);
    expect(lookup("groupBy")).toEqual(["Group by at least one field", "Unknown field"]);
    expect(lookup("groupBy", { exact: true })).toEqual(["Group by at least one field"]);
    expect(lookup("aggregations")).toEqual([]);
  });

  it("keeps node-level problems and expression spans apart", () => {
    expect(nodeLevelProblems("count", problems).map((found) => found.message)).toEqual(["Reduce count has no input"]);
    const spans = expressionSpanLookup("f", [problem({ nodeId: "f", field: "condition", expression: { code: "T1", start: 2, end: 5 } }), problem({ nodeId: "f", field: "condition" })]);
    expect(spans("condition")).toEqual([{ start: 2, end: 5 }]);
    expect(spans("other")).toEqual([]);
  });
});

describe("inputFieldsOf", () => {
  it("knows the fields a node receives from configured upstream nodes", () => {
    const fields = inputFieldsOf(wordCountTemplate(), "count");
    expect(fields).toMatchObject({ state: "known" });
    expect(fields.state === "known" && fields.fields.map((field) => field.name)).toContain("word");
  });

  it("says unconnected, or unknown behind a misconfigured node", () => {
    const graph = wordCountTemplate();
    expect(inputFieldsOf({ ...graph, edges: [] }, "count")).toEqual({ state: "unconnected" });
    const broken = { ...graph, nodes: graph.nodes.map((node) => (node.id === "non-empty" ? { ...node, data: {} } : node)) };
    expect(inputFieldsOf(broken, "count")).toEqual({ state: "unknown" });
  });
});

describe("read-data", () => {
  const data = { name: "x", count: 3, bad: Number.NaN, rows: [{ a: 1 }, 2, null], nested: { b: 1 }, list: ["a", 1, "b"] };
  it("reads fields defensively, with an empty value for anything of the wrong type", () => {
    expect([readString(data, "name"), readString(data, "count")]).toEqual(["x", ""]);
    expect([readNumber(data, "count"), readNumber(data, "bad"), readNumber(data, "name")]).toEqual([3, undefined, undefined]);
    expect(readRecords(data, "rows")).toEqual([{ a: 1 }, {}, {}]);
    expect(readRecords(data, "name")).toEqual([]);
    expect([readRecord(data, "nested"), readRecord(data, "rows")]).toEqual([{ b: 1 }, undefined]);
    expect(readStrings(data, "list")).toEqual(["a", "b"]);
  });
});
