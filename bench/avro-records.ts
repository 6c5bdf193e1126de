// The benchmark's records in Avro (the `stateless-avro` workload): the same
// records as bench/records.ts, written in the Confluent wire format with one
// registered writer schema, and the schema a user would pin on the source.
import { avroToRecordType } from "../engine/formats/avro-to-record-type";
import { formatType } from "../engine/expr";
import type { PinnedSchema } from "../engine/schema/pinned-schema";
import type { BenchRecord, EncodedRecord } from "./records";

/** The Avro writer schema of a bench record: `{ id, category, amount, text }`, every field required. */
export const benchRecordAvroSchema = {
  type: "record",
  name: "BenchRecord",
  namespace: "streamline.bench",
  fields: [
    { name: "id", type: "string" },
    { name: "category", type: "string" },
    { name: "amount", type: "double" },
    { name: "text", type: "string" },
  ],
} as const;

/**
 * The source's pinned schema taken from the writer schema, as the inspector
 * pins a registry source's fields: the type checker then knows the map's
 * output types, so the Avro sink's schema can be derived from them.
 */
export function pinnedFromAvro(schema: unknown): PinnedSchema {
  return { fields: avroToRecordType(schema).fields.map((field) => ({ name: field.name, type: formatType(field.type), required: true })) };
}

/**
 * Turns a maker of JSON bench records into a maker of the same records with
 * their values re-encoded by `encode` (the registry codec's wire-format
 * encoder for the registered schema id). Key and timestamp are unchanged.
 */
export function avroRecords(make: (i: number) => BenchRecord, encode: (fields: Record<string, unknown>) => Buffer): (i: number) => EncodedRecord {
  return (i) => {
    const record = make(i);
    return { ...record, value: encode(JSON.parse(record.value) as Record<string, unknown>) };
  };
}
