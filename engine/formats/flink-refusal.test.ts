import { describe, expect, it } from "vitest";
import { wordCountTemplate, type PipelineDocument } from "../graph";
import { compilePipelineToFlinkSql } from "../runners/flink/compile-pipeline";

/** Flink cannot read the registry formats with Maven Central's jars: the compiler refuses on the node, saying why. */
function withFormats(source: string, sink: string): PipelineDocument {
  const base = wordCountTemplate();
  return { ...base, nodes: base.nodes.map((n) => (n.type === "kafka-source" ? { ...n, data: { ...n.data, format: source } } : n.type === "kafka-sink" ? { ...n, data: { ...n.data, format: sink } } : n)) };
}

const options = { bootstrapServers: "placeholder:9092", groupId: "check", jobName: "check" };

describe("Registry formats on Flink", () => {
  it.each([
    ["avro", "Confluent's Schema Registry client"],
    ["protobuf", "compiled Java classes"],
    ["json-schema", "wire format"],
  ])("refuses a %s source on its node", (format, reason) => {
    const compiled = compilePipelineToFlinkSql(withFormats(format, "json"), options);
    expect(compiled.ok).toBe(false);
    if (compiled.ok) return;
    expect(compiled.problems[0]).toMatchObject({ nodeId: "lines", field: "format", message: expect.stringContaining(reason) });
  });

  it("refuses an avro sink on its node", () => {
    const compiled = compilePipelineToFlinkSql(withFormats("text", "avro"), options);
    expect(compiled.ok).toBe(false);
    if (compiled.ok) return;
    expect(compiled.problems[0]).toMatchObject({ nodeId: "counts", field: "format" });
  });
});
