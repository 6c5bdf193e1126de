import { formatType, type RecordType } from "@/engine/expr";

/** What an edge shows of the record type it carries: a compact label, and the fields for the expanded list. */
export type EdgeTypeLabel = { short: string; fields: { name: string; type: string }[]; open: boolean };

/**
 * The compact label of a record type: `3 fields`, `3 fields +` when more may
 * arrive (an open record, e.g. an unpinned JSON source's), `any fields` when
 * nothing is known. Null when there is no type to show.
 */
export function edgeTypeLabel(type: RecordType | undefined): EdgeTypeLabel | null {
  if (!type) return null;
  const fields = type.fields.map((field) => ({ name: field.name, type: formatType(field.type) }));
  const count = fields.length;
  const short = count === 0 ? (type.open ? "any fields" : "no fields") : `${count} ${count === 1 ? "field" : "fields"}${type.open ? " +" : ""}`;
  return { short, fields, open: type.open };
}
