import { describe, expect, it } from "vitest";
import { categoryLabels, findOperator, nodeTypeNames, operatorList, operators } from "./registry";

describe("the operator registry", () => {
  it("lists every module under its own type name, in palette order", () => {
    expect(Object.keys(operators)).toEqual(nodeTypeNames);
    for (const type of nodeTypeNames) expect(findOperator(type)!.type).toBe(type);
    expect(operatorList.map((operator) => operator.type)).toEqual(nodeTypeNames);
    expect(findOperator("toString")).toBeUndefined();
  });

  it.each(nodeTypeNames)("%s: its parts agree with each other", (type) => {
    const operator = findOperator(type)!;
    expect(Object.keys(categoryLabels)).toContain(operator.category);
    // Sources and sinks name their topic; nothing else does.
    expect(operator.endpoint !== undefined).toBe(operator.category === "source" || operator.category === "sink");
    expect(operator.inputs.kind === "none").toBe(operator.category === "source");
    expect(operator.outputs.kind === "none").toBe(operator.category === "sink");
    expect(operator.embedded.kind === "source").toBe(operator.category === "source");
    expect(operator.embedded.kind === "sink").toBe(operator.category === "sink");
    // Every form field edits a key of the data schema, and a new node's data is a draft of that data.
    const shape = "shape" in operator.schema ? (operator.schema as unknown as { shape: Record<string, unknown> }).shape : null;
    if (shape) for (const field of operator.form) expect(Object.keys(shape)).toContain(field.key);
    expect(typeof operator.summarize).toBe("function");
    expect(operator.defaults()).toBeTypeOf("object");
  });
});
