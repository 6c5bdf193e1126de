import { describe, expect, it } from "vitest";
import { T } from "../expr/types";
import { avroToRecordType } from "./avro-to-record-type";
import { decodeRegistryValue } from "./decode-registry-value";
import { recordTypeToAvro } from "./record-type-to-avro";
import { RegistryCodec } from "./registry-codec";
import { readWireHeader, schemaIdsOf } from "./wire-format";

/**
 * The codec layer without a registry: schemas are preloaded into the codec's
 * cache under ids, and values are written by the same library's serializers
 * (avsc, protobufjs, ajv through @kafkajs/confluent-schema-registry).
 */

const lineAvro = JSON.stringify({ type: "record", name: "Line", fields: [{ name: "text", type: "string" }, { name: "n", type: ["null", "long"], default: null }] });
const lineProto = `syntax = "proto3";\npackage test;\nmessage Line { string text = 1; int64 n = 2; repeated string tags = 3; }`;
const lineJsonSchema = JSON.stringify({ type: "object", properties: { text: { type: "string" }, n: { type: "integer" } }, required: ["text"] });

function codec() {
  // Nothing listens here: every test below must be answered from the preloaded cache.
  const c = new RegistryCodec({ url: "http://127.0.0.1:1/apis/ccompat/v7" });
  c.preload(1, "avro", lineAvro);
  c.preload(2, "protobuf", lineProto);
  c.preload(3, "json-schema", lineJsonSchema);
  return c;
}

describe("The Confluent wire format", () => {
  it("reads the schema id after the magic byte", () => {
    expect(readWireHeader(Buffer.from([0, 0, 0, 1, 2, 9]))).toEqual({ ok: true, schemaId: 258 });
  });
  it("says why a value is not in the wire format", () => {
    expect(readWireHeader(Buffer.from("{}"))).toMatchObject({ ok: false, error: expect.stringContaining("shorter than the 5-byte") });
    expect(readWireHeader(Buffer.from('{"a":1}'))).toMatchObject({ ok: false, error: expect.stringContaining("magic byte 0 (it starts with 123)") });
  });
  it("lists each schema id of a batch once", () => {
    const a = Buffer.from([0, 0, 0, 0, 7, 1]);
    const b = Buffer.from([0, 0, 0, 0, 8, 1]);
    expect(schemaIdsOf([a, b, a, null, Buffer.from("x")])).toEqual([7, 8]);
  });
});

describe("RegistryCodec", () => {
  it("round-trips Avro, Protobuf and JSON Schema values with the writer's schema", () => {
    const c = codec();
    expect(decodeRegistryValue(c, "avro", c.encode(1, { text: "to be", n: 3 }))).toEqual({ ok: true, fields: { text: "to be", n: 3 } });
    expect(decodeRegistryValue(c, "protobuf", c.encode(2, { text: "or not", n: 5, tags: ["a"] }))).toEqual({ ok: true, fields: { text: "or not", n: 5, tags: ["a"] } });
    expect(decodeRegistryValue(c, "json-schema", c.encode(3, { text: "that is", n: 1 }))).toEqual({ ok: true, fields: { text: "that is", n: 1 } });
  });

  it("gives proto3 fields left off the wire their defaults", () => {
    const c = codec();
    expect(decodeRegistryValue(c, "protobuf", c.encode(2, { text: "" }))).toEqual({ ok: true, fields: { text: "", n: 0, tags: [] } });
  });

  it("refuses a corrupt payload, a value of another format and a value without the header, saying why", () => {
    const c = codec();
    const good = c.encode(1, { text: "abc", n: null });
    const corrupt = Buffer.concat([good.subarray(0, 5), Buffer.from([0xff, 0xff, 0xff])]);
    expect(decodeRegistryValue(c, "avro", corrupt)).toMatchObject({ ok: false, error: expect.stringContaining("does not decode with schema id 1 (avro)") });
    expect(decodeRegistryValue(c, "protobuf", good)).toMatchObject({ ok: false, error: "Schema id 1 is a AVRO schema; this source reads protobuf" });
    expect(decodeRegistryValue(c, "avro", Buffer.from('{"text":"abc"}'))).toMatchObject({ ok: false, error: expect.stringContaining("magic byte") });
    expect(decodeRegistryValue(null, "avro", good)).toMatchObject({ ok: false, error: expect.stringContaining("SCHEMA_REGISTRY_URL") });
  });

  it("refuses to decode an id it has not fetched (prefetch comes first)", () => {
    const c = codec();
    expect(() => c.decode(Buffer.from([0, 0, 0, 0, 99, 1]), "avro")).toThrow("Schema id 99 was not fetched before decoding");
    expect(c.ready([1, 2])).toBe(true);
    expect(c.ready([1, 99])).toBe(false);
  });

  it("fails prefetch loudly when the registry cannot be reached, instead of dead-lettering good records", async () => {
    await expect(codec().prefetch([99])).rejects.toThrow("Cannot fetch schema id 99 from the Schema Registry at http://127.0.0.1:1/apis/ccompat/v7");
  });
});

describe("Schemas and expression types", () => {
  it("derives a nullable Avro record from a sink's input type", () => {
    const derived = recordTypeToAvro(T.row({ word: T.string, count: T.bigint, avg: T.double, tags: T.array(T.string), where: T.row({ city: T.string }) }), "word-counts");
    expect(derived).toEqual({
      ok: true,
      schema: {
        type: "record",
        name: "word_counts",
        fields: [
          { name: "word", type: ["null", "string"], default: null },
          { name: "count", type: ["null", "long"], default: null },
          { name: "avg", type: ["null", "double"], default: null },
          { name: "tags", type: ["null", { type: "array", items: ["null", "string"] }], default: null },
          { name: "where", type: ["null", { type: "record", name: "where_record", fields: [{ name: "city", type: ["null", "string"], default: null }] }], default: null },
        ],
      },
    });
  });

  it("names the fields whose type is unknown", () => {
    expect(recordTypeToAvro(T.row({ word: T.string, payload: T.any }), "t")).toEqual({ ok: false, problems: [{ field: "payload", message: expect.stringContaining("'payload' is not known before run time") }] });
    expect(recordTypeToAvro(T.anyRecord(), "t")).toMatchObject({ ok: false });
  });

  it("maps an Avro writer schema to expression types", () => {
    const type = avroToRecordType({
      type: "record",
      name: "Order",
      fields: [
        { name: "id", type: "long" },
        { name: "amount", type: ["null", "double"] },
        { name: "country", type: { type: "enum", name: "Country", symbols: ["US", "DE"] } },
        { name: "items", type: { type: "array", items: "string" } },
        { name: "customer", type: { type: "record", name: "Customer", fields: [{ name: "name", type: "string" }] } },
        { name: "mixed", type: ["int", "string"] },
      ],
    });
    expect(type).toEqual(T.row({ id: T.bigint, amount: T.double, country: T.string, items: T.array(T.string), customer: T.row({ name: T.string }), mixed: T.any }));
  });
});
