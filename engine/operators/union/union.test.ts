import { describe, expect, it } from "vitest";
import { validatePipeline, type PipelineDocument } from "../../graph";
import { TestDriver } from "../../runners/test-driver";
import { compilePipelineToFlinkSql, planScript } from "../../runners/flink/compile-pipeline";

const at = { x: 0, y: 0 };

/** Two sources, each through a map with the given fields, into a union, then a sink. */
function unionOf(left: Record<string, string>, right: Record<string, string>): PipelineDocument {
  const fields = (spec: Record<string, string>) => Object.entries(spec).map(([name, expression]) => ({ name, expression }));
  return {
    version: 1,
    nodes: [
      { id: "a", type: "kafka-source", position: at, data: { topic: "a", format: "json", startFrom: "earliest" } },
      { id: "b", type: "kafka-source", position: at, data: { topic: "b", format: "json", startFrom: "earliest" } },
      { id: "ma", type: "map", position: at, data: { fields: fields(left) } },
      { id: "mb", type: "map", position: at, data: { fields: fields(right) } },
      { id: "u", type: "union", position: at, data: {} },
      { id: "out", type: "kafka-sink", position: at, data: { topic: "out", format: "json", key: "id" } },
    ],
    edges: [
      { id: "e1", source: "a", target: "ma" },
      { id: "e2", source: "b", target: "mb" },
      { id: "e3", source: "ma", target: "u" },
      { id: "e4", source: "mb", target: "u" },
      { id: "e5", source: "u", target: "out" },
    ],
  };
}

describe("union", () => {
  it("passes every record of every input on, once", () => {
    const driver = new TestDriver(unionOf({ id: "id", n: "n" }, { id: "id", n: "n * 10" }));
    driver.pipe("a", [{ id: "a1", n: 1 }, { id: "a2", n: 2 }]);
    driver.pipe("b", [{ id: "b1", n: 3 }]);
    driver.pipe("a", [{ id: "a3", n: 4 }]);
    expect(driver.output.map((m) => JSON.parse(String(m.value)))).toEqual([
      { id: "a1", n: 1 },
      { id: "a2", n: 2 },
      { id: "b1", n: 30 },
      { id: "a3", n: 4 },
    ]);
  });

  it("is valid with two or more inputs of the same fields, and names the fields that do not match", () => {
    expect(validatePipeline(unionOf({ id: "id", n: "1" }, { id: "id", n: "2" })).ok).toBe(true);
    const problems = validatePipeline(unionOf({ id: "id", n: "1" }, { id: "id", n: "'two'", extra: "TRUE" })).problems;
    expect(problems.map((p) => [p.code, p.nodeId])).toEqual([
      ["node.config", "u"],
      ["node.config", "u"],
    ]);
    expect(problems[0]!.message).toContain("field 'n' is INT in input 1 but");
    expect(problems[1]!.message).toContain("field 'extra' of input 2 is missing from input 1");
  });

  it("needs at least two inputs", () => {
    const doc = unionOf({ id: "id" }, { id: "id" });
    doc.edges = doc.edges.filter((edge) => edge.id !== "e4");
    expect(validatePipeline(doc).problems).toContainEqual(expect.objectContaining({ code: "node.missing-input", nodeId: "u" }));
  });

  it("compiles to UNION ALL on Flink", () => {
    const compiled = compilePipelineToFlinkSql(unionOf({ id: "id", n: "n + 0" }, { id: "id", n: "n + 0" }), { bootstrapServers: "b:9092", groupId: "g", jobName: "j" });
    if (!compiled.ok) throw new Error(JSON.stringify(compiled.problems));
    expect(planScript(compiled.plan)).toContain("UNION ALL");
  });
});
