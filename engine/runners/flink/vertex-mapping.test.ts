import { describe, expect, it } from "vitest";
import { wordCountTemplate } from "../../graph";
import { compilePipelineToFlinkSql } from "./compile-pipeline";
import { mapVerticesToNodes } from "./vertex-mapping";

/** Vertex names as Flink 1.20 reported them for the word count (seen on the script-started cluster). */
const wordCountVertices = [
  { id: "v1", name: "Source: src_lines[449] -> Calc[450] -> Correlate[451] -> Calc[452]" },
  { id: "v2", name: "GroupAggregate[454] -> ConstraintEnforcer[455] -> snk_counts[455]: Writer -> snk_counts[455]: Committer" },
];

describe("mapping Flink operators to canvas nodes", () => {
  it("finds sources and sinks by table and the other nodes by operator kind, in order", () => {
    const document = wordCountTemplate();
    const compiled = compilePipelineToFlinkSql(document, { bootstrapServers: "x:9092", groupId: "g", jobName: "j" });
    if (!compiled.ok) throw new Error(JSON.stringify(compiled.problems));
    const mapped = mapVerticesToNodes(document, compiled.plan, wordCountVertices);
    expect(Object.fromEntries(Object.entries(mapped).map(([node, op]) => [node, `${op.vertexId} ${op.metricPrefix}`]))).toEqual({
      lines: "v1 Source__src_lines[449]",
      words: "v1 Correlate[451]",
      "non-empty": "v1 Calc[452]",
      count: "v2 GroupAggregate[454]",
      counts: "v2 snk_counts[455]__Writer",
    });
  });

  it("lets a node the planner merged away share its input's operator", () => {
    const document = wordCountTemplate();
    const compiled = compilePipelineToFlinkSql(document, { bootstrapServers: "x:9092", groupId: "g", jobName: "j" });
    if (!compiled.ok) throw new Error(JSON.stringify(compiled.problems));
    const merged = [{ id: "v1", name: "Source: src_lines[1] -> Correlate[2]" }, wordCountVertices[1]!];
    expect(mapVerticesToNodes(document, compiled.plan, merged)["non-empty"]).toEqual(mapVerticesToNodes(document, compiled.plan, merged).words);
  });
});
