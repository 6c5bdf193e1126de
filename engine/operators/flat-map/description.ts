import { z } from "zod";
import { T } from "../../expr";
import type { OperatorDescription } from "../operator-module";
import { expression, fieldName, label } from "../shared/schema-parts";

export const flatMapData = z.object({
  label,
  expression,
  as: fieldName,
});

export type FlatMapData = z.infer<typeof flatMapData>;

/** One record per element of an array. */
export const flatMapDescription: OperatorDescription<FlatMapData, "flat-map"> = {
  type: "flat-map",
  label: "Flat map",
  category: "transform",
  hint: "One record per array element",
  icon: "split",
  inputs: { kind: "single" },
  outputs: { kind: "single" },
  schema: flatMapData,
  defaults: () => ({ expression: "", as: "" }),
  summarize: (data) => (data.expression ? `${data.as || "?"} in ${data.expression}` : "no expression"),
  form: [
    { kind: "expression", key: "expression", label: "Array expression", placeholder: "SPLIT(text, ' ')", hint: "Evaluated per record; one record is emitted per element of the array." },
    { kind: "text", key: "as", label: "Element field", placeholder: "word", mono: true, hint: "The field that holds each element in the records emitted." },
  ],
  outputType: ({ data, input, check }) => {
    const type = check("expression", data.expression, T.array(T.any));
    const element = type.kind === "ARRAY" ? type.element : T.any;
    return { ...input, fields: [...input.fields.filter((f) => f.name !== data.as), { name: data.as, type: element }] };
  },
};
