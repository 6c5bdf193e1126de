/**
 * The Confluent wire format: a zero magic byte, the schema id as a 4-byte
 * big-endian integer, then the encoded value. Only the header is read here;
 * the codecs are the registry client's (avsc, protobufjs, ajv).
 */
export type WireHeader = { ok: true; schemaId: number } | { ok: false; error: string };

/** Reads the magic byte and schema id of a value, or says why it is not in the wire format. */
export function readWireHeader(value: Buffer): WireHeader {
  if (value.length < 5) return { ok: false, error: `The value is ${value.length} byte${value.length === 1 ? "" : "s"} long, shorter than the 5-byte Schema Registry header (magic byte and schema id)` };
  if (value[0] !== 0) return { ok: false, error: `The value does not start with the Schema Registry magic byte 0 (it starts with ${value[0]}): it was not written with a registry serializer` };
  return { ok: true, schemaId: value.readInt32BE(1) };
}

/** The schema ids the values of a batch refer to, each once (for fetching before decoding). */
export function schemaIdsOf(values: Iterable<Buffer | null>): number[] {
  const ids = new Set<number>();
  for (const value of values) {
    if (!value) continue;
    const header = readWireHeader(value);
    if (header.ok) ids.add(header.schemaId);
  }
  return [...ids];
}
