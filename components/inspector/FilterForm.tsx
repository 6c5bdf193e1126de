"use client";

import { useId } from "react";
import { FormField } from "@/components/ui/FormField";
import { ExpressionInput } from "./ExpressionInput";
import type { NodeFormProps } from "./node-form-props";
import { readString } from "./read-data";

/** Filter: one boolean condition; records for which it holds pass through. */
export function FilterForm({ data, errors, errorSpans, onChange }: NodeFormProps) {
  const id = useId();
  const conditionErrors = errors("condition");
  return (
    <FormField label="Condition" labelId={`${id}-condition`} errors={conditionErrors} hint="Records for which the condition is true pass through.">
      <ExpressionInput
        data-testid="field-condition"
        labelledBy={`${id}-condition`}
        placeholder="amount > 100"
        value={readString(data, "condition")}
        invalid={conditionErrors.length > 0}
        errorSpans={errorSpans("condition")}
        onChange={(value) => onChange("condition", value)}
      />
    </FormField>
  );
}
