import { describe, expect, it } from "vitest";
import { wordCountTemplate } from "../../graph";
import { compilePipelineToFlinkSql } from "./compile-pipeline";
import { mapVerticesToNodes, operatorsOf } from "./vertex-mapping";

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

  it("reads a chain that branches (the dead letters' and samples' branches after the data's)", () => {
    const document = wordCountTemplate();
    const compiled = compilePipelineToFlinkSql(document, { bootstrapServers: "x:9092", groupId: "g", jobName: "j", deadLetterTopic: "dlq", samplesTopic: "s" });
    if (!compiled.ok) throw new Error(JSON.stringify(compiled.problems));
    // As Flink 1.20 named them for the word count with dead letters and samples (seen on the script-started cluster), but for the order of the first branches.
    const vertices = [
      // The branches listed in another order than Flink numbered them: the lowest number is the data's.
      { id: "v1", name: "Source: src_lines[209] -> (Calc[210] -> (Correlate[225] -> Calc[226] -> LocalWindowAggregate[227], Correlate[211] -> Calc[212], Correlate[234] -> Calc[235] -> LocalWindowAggregate[236]), Calc[216] -> dead_letters[217]: Writer -> dead_letters[217]: Committer, Calc[218] -> LocalWindowAggregate[219])" },
      { id: "v2", name: "GroupAggregate[214] -> ConstraintEnforcer[215] -> snk_counts[215]: Writer -> snk_counts[215]: Committer" },
      { id: "v3", name: "GlobalWindowAggregate[229] -> Calc[230] -> Correlate[231] -> Calc[232]" },
      { id: "v4", name: "samples[243]: Writer -> samples[243]: Committer" },
    ];
    expect(operatorsOf(vertices[0]!.name).slice(0, 5)).toEqual(["Source: src_lines[209]", "Calc[210]", "Correlate[225]", "Calc[226]", "LocalWindowAggregate[227]"]);
    expect(operatorsOf(vertices[0]!.name)).toContain("dead_letters[217]: Writer");
    const mapped = mapVerticesToNodes(document, compiled.plan, vertices);
    expect(Object.fromEntries(Object.entries(mapped).map(([node, op]) => [node, `${op.vertexId} ${op.metricPrefix}`]))).toEqual({
      lines: "v1 Source__src_lines[209]",
      words: "v1 Correlate[211]",
      "non-empty": "v1 Calc[212]",
      count: "v2 GroupAggregate[214]",
      counts: "v2 snk_counts[215]__Writer",
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
