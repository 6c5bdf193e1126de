import { describe, expect, it } from "vitest";
import type { PipelineDocument } from "../graph";
import { planDeploy } from "../deployments/deploy-plan";
import { compilePipelineToFlinkSql, planScript } from "./flink/compile-pipeline";
import { mapVerticesToNodes } from "./flink/vertex-mapping";
import { TestDriver } from "./test-driver";
import { linearPipeline } from "./test-pipelines";

/** The pipeline with the nodes `ids` marked disabled. */
function disable(document: PipelineDocument, ...ids: string[]): PipelineDocument {
  return { ...document, nodes: document.nodes.map((node) => (ids.includes(node.id) ? { ...node, disabled: true } : node)) };
}

const records = [{ id: 1, amount: 150, country: "us" }, { id: 2, amount: 5, country: "de" }, { id: 3, amount: 70 }];
const flinkOptions = { bootstrapServers: "127.0.0.1:9092", groupId: "g", jobName: "disabled" };

describe("a disabled node on the embedded engine", () => {
  it("a disabled map passes every record on unchanged, and counts them in and out", () => {
    const document = linearPipeline([{ type: "map", id: "shape", data: { fields: [{ name: "who", expression: "UPPER(country)" }] } }]);
    const enabled = new TestDriver(document);
    enabled.pipe("in", records);
    expect(enabled.values("out")).toEqual([{ who: "US" }, { who: "DE" }, { who: null }]);

    const driver = new TestDriver(disable(document, "shape"));
    driver.pipe("in", records);
    expect(driver.values("out")).toEqual(records);
    expect(driver.deadLetters).toEqual([]);
  });

  it("runs a disabled node whose configuration is broken, fused between working ones", () => {
    const document = disable(
      linearPipeline([
        { type: "filter", id: "big", data: { condition: "amount > 10" } },
        { type: "map", id: "broken", data: { fields: [{ name: "", expression: "UPPER(" }] } },
        { type: "map", id: "shape", data: { fields: [{ name: "id", expression: "id" }] } },
      ]),
      "broken",
    );
    const driver = new TestDriver(document);
    driver.pipe("in", records);
    expect(driver.values("out")).toEqual([{ id: 1 }, { id: 3 }]);
  });

  it("a disabled reduce passes records through and keeps no state", () => {
    const document = disable(linearPipeline([{ type: "reduce", id: "total", data: { groupBy: ["country"], aggregations: [{ fn: "count", as: "n" }], emit: "record" } }]), "total");
    const driver = new TestDriver(document);
    driver.pipe("in", records);
    expect(driver.values("out")).toEqual(records);
    const plan = planDeploy({ version: 1, document, previous: null, reset: false });
    expect(plan.stateful).toEqual([]);
  });

  it("a disabled sink writes nothing while another sink writes", () => {
    const document = linearPipeline([{ type: "filter", id: "big", data: { condition: "amount > 10" } }]);
    const second = { id: "audit", type: "kafka-sink" as const, position: { x: 600, y: 200 }, data: { topic: "audit", format: "json" }, disabled: true };
    const withAudit: PipelineDocument = { ...document, nodes: [...document.nodes, second], edges: [...document.edges, { id: "e-audit", source: "big", target: "audit", targetHandle: null }] };
    const driver = new TestDriver(withAudit);
    driver.pipe("in", records);
    expect(driver.values("out")).toEqual([records[0], records[2]]);
    expect(driver.output.filter((message) => message.topic === "audit")).toEqual([]);
    expect(driver.output.map((message) => message.topic)).toEqual(["out", "out"]);
  });
});

describe("a disabled node on Flink", () => {
  it("a disabled sink has no table and no INSERT", () => {
    const document = linearPipeline([{ type: "map", id: "pick", data: { fields: [{ name: "id", expression: "id" }] } }]);
    const second = { id: "audit", type: "kafka-sink" as const, position: { x: 600, y: 200 }, data: { topic: "audit", format: "json" }, disabled: true };
    const withAudit: PipelineDocument = { ...document, nodes: [...document.nodes, second], edges: [...document.edges, { id: "e-audit", source: "pick", target: "audit", targetHandle: null }] };
    const result = compilePipelineToFlinkSql(withAudit, flinkOptions);
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(result.plan.tables.map((table) => table.nodeId)).toEqual(["source", "sink"]);
    expect(planScript(result.plan)).not.toContain("audit");
    expect(result.plan.insert).toMatch(/^INSERT INTO `snk_sink`/);
  });

  it("a disabled map compiles even when its configuration would not, as a view of its input", () => {
    // A JSON source's columns are the fields named downstream: the enabled map after it names them.
    const document = disable(
      linearPipeline([
        { type: "map", id: "shape", data: { fields: [{ name: "", expression: "UPPER(" }] } },
        { type: "map", id: "pick", data: { fields: [{ name: "id", expression: "id" }] } },
      ]),
      "shape",
    );
    const result = compilePipelineToFlinkSql(document, flinkOptions);
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    // Its view selects the source's relation unchanged (the decoded view of a raw-bytes source).
    const from = result.plan.relations.source;
    expect(result.plan.definitions.find((statement) => statement.includes("`n_shape`"))).toMatch(new RegExp(`^CREATE TEMPORARY VIEW \`n_shape\` AS\nSELECT .*\nFROM \`${from}\`$`, "s"));
    expect(result.plan.relations.shape).toBe("n_shape");
  });

  it("maps a disabled node's metrics to its input's operator", () => {
    const document = disable(
      linearPipeline([
        { type: "filter", id: "keep", data: { condition: "amount > 10" } },
        { type: "map", id: "pick", data: { fields: [{ name: "id", expression: "id" }] } },
      ]),
      "keep",
    );
    const result = compilePipelineToFlinkSql(document, flinkOptions);
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    const vertices = [{ id: "v1", name: "Source: src_source[1] -> Calc[2] -> snk_sink[3]: Writer -> snk_sink[3]: Committer" }];
    const mapped = mapVerticesToNodes(document, result.plan, vertices);
    expect(mapped.keep).toEqual(mapped.source);
    expect(mapped.pick!.operator).toBe("Calc[2]");
  });
});
