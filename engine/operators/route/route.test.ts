import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { validatePipeline, type PipelineDocument } from "../../graph";
import { TestDriver } from "../../runners/test-driver";
import { compilePipelineToFlinkSql, planScript } from "../../runners/flink/compile-pipeline";

/** source → map → route (large, medium, default) → three sinks: the golden fixture's graph. */
const routed = (): PipelineDocument =>
  (JSON.parse(readFileSync(join(import.meta.dirname, "../../runners/flink/fixtures/route.json"), "utf8")) as { document: PipelineDocument }).document;

const values = (driver: TestDriver, topic: string) => driver.output.filter((m) => m.topic === topic).map((m) => (JSON.parse(String(m.value)) as { id: string }).id);

describe("route", () => {
  it("sends each record to the first output whose condition holds, else to the default, exactly once", () => {
    const driver = new TestDriver(routed());
    driver.pipe("orders", [
      { id: "a", amount: 500 },
      { id: "b", amount: 50 },
      { id: "c", amount: 5 },
      { id: "d", amount: 100 },
      { id: "e", amount: null },
    ]);
    expect(values(driver, "large-orders")).toEqual(["a", "d"]);
    expect(values(driver, "medium-orders")).toEqual(["b"]);
    // NULL matches no condition, as in SQL's WHERE.
    expect(values(driver, "small-orders")).toEqual(["c", "e"]);
    expect(driver.output).toHaveLength(5);
  });

  it("drops the records of an output nothing is connected to", () => {
    const doc = routed();
    doc.edges = doc.edges.filter((edge) => edge.sourceHandle !== "default");
    doc.nodes = doc.nodes.filter((node) => node.id !== "small-out");
    const driver = new TestDriver(doc);
    driver.pipe("orders", [{ id: "a", amount: 500 }, { id: "c", amount: 5 }]);
    expect(driver.output.map((m) => m.topic)).toEqual(["large-orders"]);
  });

  it("needs every edge out of it to name an output it has", () => {
    const doc = routed();
    delete doc.edges[2]!.sourceHandle;
    doc.edges[3]!.sourceHandle = "tiny";
    const problems = validatePipeline(doc).problems;
    expect(problems).toContainEqual(expect.objectContaining({ code: "edge.handle-required", edgeId: "split.large-large-out" }));
    expect(problems).toContainEqual(expect.objectContaining({ code: "edge.unknown-handle", edgeId: "split.medium-medium-out" }));
  });

  it("rejects an output named 'default', twice the same name, and a condition that is not boolean", () => {
    const doc = routed();
    doc.nodes[2]!.data = { routes: [{ name: "default", condition: "TRUE" }, { name: "x", condition: "TRUE" }, { name: "x", condition: "amount + 1" }] };
    const fields = validatePipeline(doc).problems.filter((p) => p.nodeId === "split").map((p) => p.field);
    expect(fields).toEqual(expect.arrayContaining(["routes.0.name", "routes.2.name"]));
    doc.nodes[2]!.data = { routes: [{ name: "x", condition: "amount + 1" }] };
    expect(validatePipeline(doc).problems).toContainEqual(expect.objectContaining({ code: "node.expression", field: "routes.0.condition" }));
  });

  it("compiles to one filtered view per output and one statement set on Flink", () => {
    const compiled = compilePipelineToFlinkSql(routed(), { bootstrapServers: "b:9092", groupId: "g", jobName: "j" });
    if (!compiled.ok) throw new Error(JSON.stringify(compiled.problems));
    const sql = planScript(compiled.plan);
    expect(sql).toContain("CREATE TEMPORARY VIEW `n_split__large`");
    expect(sql).toContain("CREATE TEMPORARY VIEW `n_split__default`");
    expect(sql).toContain("EXECUTE STATEMENT SET");
  });
});
