import { T, type RecordType, type Type } from "../expr/types";

/**
 * The record type of an Avro writer schema, for the type checker and the
 * inspector: records become rows, unions with null their other branch, and
 * what has no counterpart (maps, mixed unions, bytes) ANY.
 */
export function avroToRecordType(schema: unknown): RecordType {
  const type = avroToType(schema, new Map());
  return type.kind === "ROW" ? type : T.row({ value: type });
}

function avroToType(schema: unknown, named: Map<string, Type>): Type {
  if (typeof schema === "string") {
    const primitive = primitives[schema];
    if (primitive) return primitive;
    return named.get(schema) ?? T.any;
  }
  if (Array.isArray(schema)) {
    const branches = schema.filter((branch) => branch !== "null");
    return branches.length === 1 ? avroToType(branches[0], named) : T.any;
  }
  if (typeof schema !== "object" || schema === null) return T.any;
  const s = schema as { type: unknown; name?: string; fields?: { name: string; type: unknown }[]; items?: unknown; logicalType?: string; symbols?: string[] };
  switch (s.type) {
    case "record": {
      const fields: Record<string, Type> = {};
      const row = T.row(fields);
      if (s.name) named.set(s.name, row);
      for (const field of s.fields ?? []) fields[field.name] = avroToType(field.type, named);
      const result = T.row(fields);
      if (s.name) named.set(s.name, result);
      return result;
    }
    case "array":
      return T.array(avroToType(s.items, named));
    case "enum":
      if (s.name) named.set(s.name, T.string);
      return T.string;
    case "fixed":
      return T.any;
    default:
      if (s.logicalType === "timestamp-millis" || s.logicalType === "timestamp-micros") return T.bigint;
      return avroToType(s.type, named);
  }
}

const primitives: Record<string, Type> = {
  null: T.null,
  boolean: T.boolean,
  int: T.int,
  long: T.bigint,
  float: T.double,
  double: T.double,
  string: T.string,
  bytes: T.any,
};
