import { z } from "zod";
import { T } from "../../expr";
import type { OperatorDescription } from "../operator-module";
import { expression, label } from "../shared/schema-parts";

export const filterData = z.object({
  label,
  condition: expression,
});

export type FilterData = z.infer<typeof filterData>;

/** Keeps the records for which a condition holds. */
export const filterDescription: OperatorDescription<FilterData, "filter"> = {
  type: "filter",
  label: "Filter",
  category: "transform",
  hint: "Keep records matching a condition",
  icon: "funnel",
  inputs: { kind: "single" },
  outputs: { kind: "single" },
  schema: filterData,
  defaults: () => ({ condition: "" }),
  summarize: (data) => data.condition || "no condition",
  form: [{ kind: "expression", key: "condition", label: "Condition", placeholder: "amount > 100", hint: "Records for which the condition is true pass through." }],
  outputType: ({ data, input, check }) => {
    check("condition", data.condition, T.boolean);
    return input;
  },
};
