import { T, type RecordType, type Type } from "../../expr";

/** The type of a (possibly nested) field of a record type; ANY when it is not known. */
export function fieldType(row: RecordType, path: string): Type {
  let current: Type = row;
  for (const segment of path.split(".")) {
    if (current.kind !== "ROW") return T.any;
    const field: { type: Type } | undefined = current.fields.find((f) => f.name === segment);
    if (!field) return T.any;
    current = field.type;
  }
  return current;
}
