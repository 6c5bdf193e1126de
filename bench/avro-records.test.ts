import { describe, expect, it } from "vitest";
import { checkPipelineExpressions, requireValidPipeline } from "../engine/graph";
import { RegistryCodec } from "../engine/formats/registry-codec";
import { recordTypeToAvro } from "../engine/formats/record-type-to-avro";
import { PipelineExecutor } from "../engine/runners/pipeline-executor";
import { avroRecords, benchRecordAvroSchema, pinnedFromAvro } from "./avro-records";
import { makeRecord } from "./records";
import { checkStatelessOutput } from "./stateless-check";
import { statelessAvroPipeline } from "./workloads";

// No registry here: schemas are put into the codec's cache under chosen ids (RegistryCodec.preload).
// The bench's real run registers them on the local Apicurio Registry (bench/run.ts).
const inputId = 7;
function codecWithInputSchema(): RegistryCodec {
  const codec = new RegistryCodec({ url: "http://127.0.0.1:9/unused" });
  codec.preload(inputId, "avro", JSON.stringify(benchRecordAvroSchema));
  return codec;
}

describe("The bench records in Avro", () => {
  it("carry the same fields, key and time as the JSON records, in the Confluent wire format", () => {
    const codec = codecWithInputSchema();
    const make = avroRecords(makeRecord, (fields) => codec.encode(inputId, fields));
    for (const i of [0, 1, 42, 99_999]) {
      const json = makeRecord(i);
      const avro = make(i);
      expect(avro.key).toBe(json.key);
      expect(avro.timestamp).toBe(json.timestamp);
      const bytes = avro.value as Buffer;
      expect(bytes[0]).toBe(0);
      expect(bytes.readInt32BE(1)).toBe(inputId);
      expect({ ...(codec.decode(bytes, "avro") as object) }).toEqual(JSON.parse(json.value));
      // Avro has no field names on the wire: the value is much smaller than its JSON.
      expect(bytes.length).toBeLessThan(Buffer.byteLength(json.value));
    }
  });

  it("pin the writer schema's fields on the source, every one required", () => {
    expect(pinnedFromAvro(benchRecordAvroSchema)).toEqual({
      fields: [
        { name: "id", type: "STRING", required: true },
        { name: "category", type: "STRING", required: true },
        { name: "amount", type: "DOUBLE", required: true },
        { name: "text", type: "STRING", required: true },
      ],
    });
  });
});

describe("The stateless-avro workload", () => {
  it("reads and writes avro, and its sink's Avro schema derives from the map's types", () => {
    const document = statelessAvroPipeline("in", "out");
    expect(document.nodes.filter((n) => n.type === "kafka-source" || n.type === "kafka-sink").map((n) => n.data.format)).toEqual(["avro", "avro"]);
    const sinkInput = checkPipelineExpressions(document).inputTypes.get("out")!;
    const derived = recordTypeToAvro(sinkInput, "out");
    expect(derived).toEqual({
      ok: true,
      schema: {
        type: "record",
        name: "out",
        fields: [
          { name: "id", type: ["null", "string"], default: null },
          { name: "category", type: ["null", "string"], default: null },
          { name: "total", type: ["null", "double"], default: null },
        ],
      },
    });
  });

  it("writes, in Avro, the values the JSON stateless pipeline writes", () => {
    const document = statelessAvroPipeline("in", "out");
    const codec = codecWithInputSchema();
    // The sink's schema as a deploy registers it (registerSinkSchemas), here cached under id 8.
    const derived = recordTypeToAvro(checkPipelineExpressions(document).inputTypes.get("out")!, "out");
    if (!derived.ok) throw new Error("no sink schema");
    codec.preload(8, "avro", JSON.stringify(derived.schema));
    const executor = new PipelineExecutor(requireValidPipeline(document), {
      codecFor: () => codec,
      sinks: [{ nodeId: "out", subject: "out-value", schemaId: 8, encode: (fields) => codec.encode(8, { id: fields.id ?? null, category: fields.category ?? null, total: fields.total ?? null }) }],
    });
    executor.assign("in", [0]);
    const make = avroRecords(makeRecord, (fields) => codec.encode(inputId, fields));
    const total = 400;
    const messages = Array.from({ length: total }, (_, i) => {
      const r = make(i);
      return { key: Buffer.from(r.key), value: r.value as Buffer, timestamp: r.timestamp, partition: 0, offset: String(i) };
    });
    const result = executor.processSourceBatch("in", messages);
    expect(result.deadLetters).toEqual([]);
    const outputs = result.messages.map((m) => ({ key: m.key, value: { ...(codec.decode(m.value as Buffer, "avro") as object) } }));
    expect(outputs.length).toBeGreaterThan(100);
    expect(checkStatelessOutput(outputs, makeRecord, total)).toEqual([]);
  });
});
