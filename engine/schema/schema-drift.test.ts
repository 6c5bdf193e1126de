import { describe, expect, it } from "vitest";
import type { PipelineDocument } from "../graph/pipeline-document";
import { findSchemaDrift } from "./schema-drift";

const document = (pinned?: { name: string; type: string }[]): PipelineDocument => ({
  version: 1,
  nodes: [
    { id: "in", type: "kafka-source", position: { x: 0, y: 0 }, data: { topic: "orders", format: "json", startFrom: "earliest", ...(pinned ? { pinnedSchema: { fields: pinned } } : {}) } },
    { id: "big", type: "filter", position: { x: 200, y: 0 }, data: { condition: "amount > 100" } },
    { id: "shape", type: "map", position: { x: 400, y: 0 }, data: { fields: [{ name: "who", expression: "UPPER(customer)" }] } },
    { id: "out", type: "kafka-sink", position: { x: 600, y: 0 }, data: { topic: "big-orders", format: "json" } },
  ],
  edges: [
    { id: "e1", source: "in", target: "big" },
    { id: "e2", source: "big", target: "shape" },
    { id: "e3", source: "shape", target: "out" },
  ],
});

describe("findSchemaDrift", () => {
  it("is silent while the sample carries the fields the expressions use", () => {
    const sample = { sourceId: "in", topic: "orders", schema: { fields: [{ name: "amount", type: "DOUBLE" }, { name: "customer", type: "STRING" }] } };
    expect(findSchemaDrift(document(), [sample])).toEqual([]);
  });

  it("flags a field the latest records no longer carry, on the node that uses it, two hops down", () => {
    const sample = { sourceId: "in", topic: "orders", schema: { fields: [{ name: "amount", type: "DOUBLE" }, { name: "client", type: "STRING" }] } };
    const drift = findSchemaDrift(document(), [sample]);
    expect(drift).toHaveLength(1);
    expect(drift[0]).toMatchObject({ nodeId: "shape", field: "fields.0.expression", sourceId: "in", topic: "orders" });
    expect(drift[0]!.message).toMatch(/customer.*in the latest records of 'orders'/);
  });

  it("flags a pinned field whose type changed so an expression no longer checks", () => {
    const pinned = [{ name: "amount", type: "DOUBLE" }, { name: "customer", type: "STRING" }];
    const sample = { sourceId: "in", topic: "orders", schema: { fields: [{ name: "amount", type: "STRING" }, { name: "customer", type: "STRING" }] } };
    const drift = findSchemaDrift(document(pinned), [sample]);
    expect(drift.map((d) => [d.nodeId, d.field])).toEqual([["big", "condition"]]);
  });

  it("flags a required pinned field that some sampled records lack, on the source", () => {
    const pinned = [{ name: "amount", type: "DOUBLE", required: true }, { name: "customer", type: "STRING", required: true }];
    const sample = { sourceId: "in", topic: "orders", schema: { fields: pinned }, carried: { amount: 1, customer: 0.75 } };
    expect(findSchemaDrift(document(pinned), [sample])).toEqual([
      { nodeId: "in", field: "pinnedSchema.fields.1.required", sourceId: "in", topic: "orders", message: "Required field 'customer' is missing or null in 25% of the latest records of 'orders'" },
    ]);
  });

  it("ignores an empty sample (an empty topic says nothing about fields)", () => {
    expect(findSchemaDrift(document(), [{ sourceId: "in", topic: "orders", schema: { fields: [] } }])).toEqual([]);
  });
});
