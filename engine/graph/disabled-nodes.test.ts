import { describe, expect, it } from "vitest";
import { T } from "../expr";
import { nodeTypeNames } from "../operators/registry";
import { linearPipeline } from "../runners/test-pipelines";
import { checkPipelineExpressions } from "./check-expressions";
import { diffDocuments, describeDiff } from "./diff-documents";
import { disableRule } from "./disabled-nodes";
import { kafkaEndpoints } from "./endpoints";
import { pipelineDocumentSchema, type PipelineDocument } from "./pipeline-document";
import { joinPipeline } from "../runners/test-pipelines";
import { validatePipeline } from "./validate-pipeline";

/** The test pipeline with the node `id` marked disabled. */
function disable(document: PipelineDocument, id: string): PipelineDocument {
  return { ...document, nodes: document.nodes.map((node) => (node.id === id ? { ...node, disabled: true } : node)) };
}

describe("disableRule", () => {
  it("passes through single-input single-output nodes, silences sinks and refuses the rest, for every registered type", () => {
    const effects = Object.fromEntries(nodeTypeNames.map((type) => [type, ((rule) => (rule.allowed ? rule.effect : "refused"))(disableRule(type))]));
    expect(effects).toEqual({
      "kafka-source": "refused",
      filter: "pass-through",
      map: "pass-through",
      "flat-map": "pass-through",
      union: "refused",
      route: "refused",
      reduce: "pass-through",
      join: "refused",
      deduplicate: "pass-through",
      "kafka-sink": "write-nothing",
    });
  });

  it("says why a node cannot be disabled", () => {
    expect(disableRule("kafka-source")).toEqual({ allowed: false, reason: expect.stringContaining("no input to pass on") });
    expect(disableRule("join")).toEqual({ allowed: false, reason: expect.stringContaining("several inputs") });
    expect(disableRule("route")).toEqual({ allowed: false, reason: expect.stringContaining("several outputs") });
  });
});

describe("the disabled flag in the document", () => {
  const base = linearPipeline([{ type: "map", id: "shape", data: { fields: [{ name: "x", expression: "a" }] } }]);

  it("is optional: an old document without it is valid and reads as enabled", () => {
    const result = validatePipeline(base);
    expect(result.ok).toBe(true);
    expect(result.ok && result.document.nodes.every((node) => !node.disabled)).toBe(true);
  });

  it("round-trips through the schema and validation when saved", () => {
    const saved = JSON.parse(JSON.stringify(disable(base, "shape")));
    const parsed = pipelineDocumentSchema.parse(saved);
    expect(parsed.nodes.find((node) => node.id === "shape")!.disabled).toBe(true);
    const result = validatePipeline(saved);
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(result.input.nodes.find((node) => node.id === "shape")!.disabled).toBe(true);
    expect(result.document.nodes.find((node) => node.id === "shape")).toMatchObject({ disabled: true, effect: "pass-through" });
  });

  it("must be a boolean", () => {
    const result = validatePipeline({ ...base, nodes: base.nodes.map((node) => (node.id === "shape" ? { ...node, disabled: "yes" } : node)) });
    expect(result.ok).toBe(false);
    expect(result.problems[0]).toMatchObject({ code: "node.invalid", nodeId: "shape", field: "disabled", structural: true });
  });
});

describe("validating a disabled node", () => {
  it("skips its configuration, so a broken node can be disabled to deploy the rest", () => {
    const broken = linearPipeline([{ type: "map", id: "shape", data: { fields: [{ name: "", expression: "UPPER(nosuchfield" }] } }]);
    expect(validatePipeline(broken).problems.map((p) => [p.code, p.nodeId])).toContainEqual(["node.config", "shape"]);
    const result = validatePipeline(disable(broken, "shape"));
    expect(result.problems).toEqual([]);
    expect(result.ok).toBe(true);
  });

  it("still checks its connections", () => {
    const document = disable(linearPipeline([{ type: "filter", id: "keep", data: { condition: "a > 1" } }]), "keep");
    const unplugged = { ...document, edges: document.edges.filter((edge) => edge.target !== "keep") };
    expect(validatePipeline(unplugged).problems.map((p) => [p.code, p.nodeId])).toContainEqual(["node.missing-input", "keep"]);
  });

  it("reports a node of a type that cannot be disabled and checks it as enabled", () => {
    const join = disable(joinPipeline({ leftKey: "id", rightKey: "", type: "inner", within: 1000 }), "j");
    const codes = validatePipeline(join).problems.map((p) => [p.code, p.nodeId, p.field]);
    expect(codes).toContainEqual(["node.cannot-disable", "j", "disabled"]);
    expect(codes.some(([code, node]) => code === "node.config" && node === "j")).toBe(true);
  });

  it("refuses a pipeline whose every sink is disabled: nothing would be written", () => {
    const result = validatePipeline(disable(linearPipeline([]), "sink"));
    expect(result.problems.map((p) => [p.code, p.nodeId])).toEqual([["graph.no-sink", "sink"]]);
  });

  it("leaves a disabled sink out of the endpoints, the cluster check and the feedback check", () => {
    const document = linearPipeline([]);
    const second = { id: "loop", type: "kafka-sink" as const, position: { x: 0, y: 200 }, data: { topic: "in", format: "json", connection: "elsewhere" }, disabled: true };
    const withLoop: PipelineDocument = { ...document, nodes: [...document.nodes, second], edges: [...document.edges, { id: "e-loop", source: "source", target: "loop", targetHandle: null }] };
    expect(validatePipeline(withLoop).problems).toEqual([]);
    expect(kafkaEndpoints(withLoop).map((endpoint) => endpoint.nodeId)).toEqual(["source", "sink"]);
  });
});

describe("schema inference through a disabled node", () => {
  it("passes the input type through unchanged and checks none of its expressions", () => {
    const source = { id: "source", type: "kafka-source" as const, position: { x: 0, y: 0 }, data: { topic: "in", format: "text", startFrom: "earliest" } };
    const document: PipelineDocument = {
      version: 1,
      nodes: [
        source,
        { id: "shape", type: "map", position: { x: 200, y: 0 }, data: { fields: [{ name: "n", expression: "nosuchfield + 1" }] }, disabled: true },
        { id: "sink", type: "kafka-sink", position: { x: 400, y: 0 }, data: { topic: "out", format: "json" } },
      ],
      edges: [
        { id: "e1", source: "source", target: "shape", targetHandle: null },
        { id: "e2", source: "shape", target: "sink", targetHandle: null },
      ],
    };
    const checked = checkPipelineExpressions(document);
    expect(checked.problems).toEqual([]);
    expect(checked.outputTypes.get("shape")).toEqual(checked.outputTypes.get("source"));
    expect(checked.inputTypes.get("sink")).toEqual(checked.outputTypes.get("source"));
    // Enabled, the same map would emit its own fields and flag the unknown one.
    const enabled = checkPipelineExpressions({ ...document, nodes: document.nodes.map(({ disabled: _d, ...node }) => node) });
    expect(enabled.problems.map((p) => p.nodeId)).toEqual(["shape"]);
    expect(enabled.outputTypes.get("shape")!.fields.map((f) => f.name)).toEqual(["n"]);
    expect(checked.outputTypes.get("shape")!.fields).toEqual([expect.objectContaining({ name: "text", type: T.string })]);
  });
});

describe("the version diff", () => {
  it("shows disabling and enabling a node as a change of its `disabled` field", () => {
    const v1 = linearPipeline([{ type: "filter", id: "keep", data: { condition: "a > 1" } }]);
    const v2 = disable(v1, "keep");
    expect(diffDocuments(v1, v2).nodes.changed).toEqual([{ nodeId: "keep", type: "filter", fields: [{ field: "disabled", before: false, after: true }] }]);
    expect(describeDiff(diffDocuments(v2, v1))).toEqual(["~ node keep: disabled: true → false"]);
    // `disabled: false` is the same as no flag.
    const explicit = { ...v1, nodes: v1.nodes.map((node) => ({ ...node, disabled: false })) };
    expect(diffDocuments(v1, explicit).unchanged).toBe(true);
  });
});
