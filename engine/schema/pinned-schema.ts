import { z } from "zod";
import { formatType, parseType, T, type RecordType, type Type } from "../expr";
import type { InferredSchema } from "./infer-schema";

/*
 * A schema pinned into a source's configuration (`pinnedSchema` in the
 * kafka-source data): the fields the user accepted from an inferred sample,
 * with types they may have edited and fields marked required. The type
 * checker then types the source's records by it (a closed record) instead of
 * "any field", so a misspelt field is caught while editing.
 */

const MAX_PINNED_FIELDS = 500;

/** One pinned field: its name, its type as written in Flink SQL (`BIGINT`, `ARRAY<STRING>`, ``ROW<`a` INT>``), and whether every record must carry it. */
export const pinnedField = z.object({
  name: z.string().min(1, "A pinned field needs a name").max(256, "Pinned field names are at most 256 characters"),
  type: z
    .string()
    .trim()
    .min(1, "A pinned field needs a type")
    .max(2_000, "Pinned field types are at most 2000 characters")
    .superRefine((text, ctx) => {
      const parsed = parseType(text);
      if (!parsed.ok) ctx.addIssue({ code: "custom", message: `'${text.slice(0, 60)}' is not a type: ${parsed.errors[0]!.message}` });
    }),
  required: z.boolean().optional(),
});

/** The `pinnedSchema` of a source: optional, so documents written before it stay valid. */
export const pinnedSchema = z
  .object({
    fields: z.array(pinnedField).max(MAX_PINNED_FIELDS, `At most ${MAX_PINNED_FIELDS} pinned fields`),
  })
  .superRefine((schema, ctx) => {
    const seen = new Set<string>();
    schema.fields.forEach((field, i) => {
      if (seen.has(field.name)) ctx.addIssue({ code: "custom", path: ["fields", i, "name"], message: `Field '${field.name}' is pinned twice` });
      seen.add(field.name);
    });
  });

export type PinnedField = z.infer<typeof pinnedField>;
export type PinnedSchema = z.infer<typeof pinnedSchema>;

/** The key of a source's data that holds its pinned schema. */
export const pinnedSchemaKey = "pinnedSchema";

/** The closed record type a pinned schema declares (a field whose type does not parse is ANY; validation reports it). */
export function pinnedRecordType(schema: PinnedSchema): RecordType {
  return T.row(Object.fromEntries(schema.fields.map((field) => [field.name, typeFromText(field.type)])));
}

/**
 * The schema to pin from an inferred sample: every top-level field with its
 * inferred type (a field only ever null, or of mixed kinds, is ANY), required
 * when every sampled record carried it non-null.
 */
export function pinFromInferred(schema: InferredSchema): PinnedSchema {
  return {
    fields: schema.fields.map((field) => ({
      name: field.name,
      type: formatType(pinnableType(field.type)),
      ...(field.presence === 1 && !field.nullable ? { required: true } : {}),
    })),
  };
}

/**
 * A sampled type as it can be pinned: a field seen only as null (NULL) has no
 * type of its own yet, so it is ANY, at any depth (NULL is not a type one can
 * write).
 */
export function pinnableType(type: Type): Type {
  switch (type.kind) {
    case "NULL":
      return T.any;
    case "ARRAY":
      return T.array(pinnableType(type.element));
    case "ROW":
      return { ...type, fields: type.fields.map((field) => ({ name: field.name, type: pinnableType(field.type) })) };
    default:
      return type;
  }
}

function typeFromText(text: string): Type {
  const parsed = parseType(text);
  return parsed.ok ? parsed.type : T.any;
}
