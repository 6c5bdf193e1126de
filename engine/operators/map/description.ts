import { z } from "zod";
import { T, type Type } from "../../expr";
import type { OperatorDescription } from "../operator-module";
import { expression, fieldName, label, rejectDuplicates } from "../shared/schema-parts";

export const mapFieldSchema = z.object({ name: fieldName, expression });

export const mapData = z.object({
  label,
  fields: z
    .array(mapFieldSchema)
    .min(1, "Add at least one output field")
    .max(200, "At most 200 output fields")
    .superRefine(rejectDuplicates((field) => field.name, "name", "Output field")),
});

export type MapData = z.infer<typeof mapData>;

/** Replaces each record's fields with computed ones. */
export const mapDescription: OperatorDescription<MapData, "map"> = {
  type: "map",
  label: "Map",
  category: "transform",
  hint: "Compute new fields per record",
  icon: "shuffle",
  inputs: { kind: "single" },
  outputs: { kind: "single" },
  schema: mapData,
  defaults: () => ({ fields: [{ name: "", expression: "" }] }),
  summarize: (data) => {
    const names = data.fields.map((field) => field.name).filter(Boolean);
    return names.length ? `→ ${names.join(", ")}` : "no fields";
  },
  form: [
    {
      kind: "named-expressions",
      key: "fields",
      label: "Output fields",
      names: { key: "name", label: "Name", placeholder: "name" },
      expressions: { key: "expression", label: "Expression", placeholder: "price * quantity" },
      addLabel: "Add field",
    },
  ],
  outputType: ({ data, check }) => {
    const fields: Record<string, Type> = {};
    data.fields.forEach((field, i) => (fields[field.name] = check(`fields.${i}.expression`, field.expression)));
    return T.row(fields);
  },
};
