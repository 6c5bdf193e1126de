import type { RecordType, Type } from "../expr/types";

/** A field whose type cannot be written as Avro, with the reason. */
export type AvroDerivationProblem = { field: string; message: string };

type AvroType = string | Record<string, unknown> | AvroType[];

/**
 * Derives the Avro record schema a sink writes from the type of its input
 * (the expression checker's): every field is nullable (our types all are),
 * with a null default so later versions stay backward compatible. A field of
 * unknown type (ANY: JSON input without a schema) cannot be derived; the
 * problem names it, so a map with a CAST can fix it.
 */
export function recordTypeToAvro(type: RecordType, name: string): { ok: true; schema: Record<string, unknown> } | { ok: false; problems: AvroDerivationProblem[] } {
  const problems: AvroDerivationProblem[] = [];
  if (type.open && type.fields.length === 0) {
    return { ok: false, problems: [{ field: "", message: "The fields of the sink's input are not known (a JSON source without a schema): add a map that names and casts the fields to write" }] };
  }
  const schema = record(type, avroName(name), "", problems);
  return problems.length === 0 ? { ok: true, schema } : { ok: false, problems };
}

function record(type: RecordType, name: string, path: string, problems: AvroDerivationProblem[]): Record<string, unknown> {
  return {
    type: "record",
    name,
    fields: type.fields.map((field) => ({ name: field.name, type: ["null", avroType(field.type, `${path}${field.name}`, problems)], default: null })),
  };
}

function avroType(type: Type, path: string, problems: AvroDerivationProblem[]): AvroType {
  switch (type.kind) {
    case "STRING":
      return "string";
    case "BOOLEAN":
      return "boolean";
    case "INT":
      return "int";
    case "BIGINT":
      return "long";
    case "DOUBLE":
    case "DECIMAL":
      // DECIMALs are doubles at run time here; Avro's decimal is bytes with a fixed scale, which would be a lie about precision.
      return "double";
    case "ARRAY":
      return { type: "array", items: ["null", avroType(type.element, `${path}[]`, problems)] };
    case "ROW":
      if (type.open) problems.push({ field: path, message: `Field '${path}' is a record whose fields are not all known` });
      return record(type, avroName(`${path}_record`), `${path}.`, problems);
    case "NULL":
      return "null";
    case "ANY":
      problems.push({ field: path, message: `The type of field '${path}' is not known before run time: CAST it in a map before the sink` });
      return "string";
  }
}

/** An Avro name: letters, digits and '_', not starting with a digit. */
function avroName(text: string): string {
  const cleaned = text.replace(/[^A-Za-z0-9_]/g, "_");
  return /^[A-Za-z_]/.test(cleaned) ? cleaned : `_${cleaned}`;
}
