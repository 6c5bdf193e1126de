import { z } from "zod";
import { formatType, T, type RecordType, type Type } from "../../expr";
import type { OperatorDescription } from "../operator-module";
import { label } from "../shared/schema-parts";

export const unionData = z.object({ label });

export type UnionData = z.infer<typeof unionData>;

/** Whether values of two types can travel in one column: equal, or one of them not known before run time. */
function compatible(a: Type, b: Type): boolean {
  if (a.kind === "ANY" || b.kind === "ANY" || a.kind === "NULL" || b.kind === "NULL") return true;
  return formatType(a) === formatType(b);
}

/**
 * The record type of a union: its inputs' fields, which must agree. An input
 * whose fields are not known (a JSON source) makes the result open too.
 * Reports each field missing from an input or typed differently in two.
 */
export function unionType(inputs: RecordType[], problem: (message: string) => void): RecordType {
  const known = inputs.filter((input) => !input.open);
  if (known.length === 0 || known.length < inputs.length) return T.anyRecord();
  const [first, ...rest] = known;
  const fields: Record<string, Type> = Object.fromEntries(first!.fields.map((f) => [f.name, f.type]));
  rest.forEach((input, i) => {
    const names = new Set(input.fields.map((f) => f.name));
    for (const field of first!.fields) if (!names.has(field.name)) problem(`field '${field.name}' of input 1 is missing from input ${i + 2}`);
    for (const field of input.fields) {
      const other = fields[field.name];
      if (other === undefined) problem(`field '${field.name}' of input ${i + 2} is missing from input 1`);
      else if (!compatible(other, field.type)) problem(`field '${field.name}' is ${formatType(other)} in input 1 but ${formatType(field.type)} in input ${i + 2}`);
    }
  });
  return T.row(fields);
}

/** Merges two or more streams of the same shape into one. */
export const unionDescription: OperatorDescription<UnionData, "union"> = {
  type: "union",
  label: "Union",
  category: "transform",
  hint: "Merge streams of the same shape",
  icon: "merge",
  inputs: { kind: "many", min: 2 },
  outputs: { kind: "single" },
  schema: unionData,
  defaults: () => ({}),
  summarize: () => "all inputs, merged",
  form: [],
  outputType: ({ inputs, problem }) => unionType(inputs(null), (message) => problem("", `Incompatible inputs: ${message}`)),
};
