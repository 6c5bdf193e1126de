import { DecodeFailure } from "./registry-errors";
import type { RegistryCodec } from "./registry-codec";
import type { RegistryFormat } from "./registry-formats";

/**
 * Decodes a registry-format value into a record's fields: the decoded value
 * must be a record (an object). Plain objects are copied so Protobuf message
 * instances and Avro records become ordinary field objects.
 */
export function decodeRegistryValue(codec: RegistryCodec | null | undefined, format: RegistryFormat, value: Buffer): { ok: true; fields: Record<string, unknown> } | { ok: false; error: string } {
  if (!codec) return { ok: false, error: `A ${format} source needs a Schema Registry: set SCHEMA_REGISTRY_URL, or one on the source's Kafka connection` };
  let decoded: unknown;
  try {
    decoded = codec.decode(value, format);
  } catch (error) {
    if (error instanceof DecodeFailure) return { ok: false, error: error.message };
    throw error;
  }
  if (typeof decoded !== "object" || decoded === null || Array.isArray(decoded)) {
    return { ok: false, error: `A ${format} source needs each value to be a record, got ${Array.isArray(decoded) ? "an array" : decoded === null ? "null" : typeof decoded}` };
  }
  return { ok: true, fields: toPlain(decoded) as Record<string, unknown> };
}

/**
 * Avro records are class instances and Protobuf messages carry prototypes
 * (and 64-bit integers as Long objects): expressions want plain data.
 */
function toPlain(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(toPlain);
  if (value === null || typeof value !== "object" || Buffer.isBuffer(value)) return value;
  const message = value as { $type?: { toObject(message: unknown, options: object): Record<string, unknown> } };
  // A Protobuf message: proto3 leaves default values off the wire, toObject puts them back.
  if (message.$type && typeof message.$type.toObject === "function") return message.$type.toObject(value, { longs: Number, enums: String, defaults: true, arrays: true });
  const long = value as { low?: unknown; high?: unknown; unsigned?: unknown; toNumber?: () => number };
  if (typeof long.low === "number" && typeof long.high === "number" && typeof long.toNumber === "function") return long.toNumber();
  const plain: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) plain[key] = toPlain(field);
  return plain;
}
