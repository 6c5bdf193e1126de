"use client";

import { useId } from "react";
import { FormField } from "@/components/ui/FormField";
import { TextInput } from "@/components/ui/TextInput";
import { ExpressionInput } from "./ExpressionInput";
import type { NodeFormProps } from "./node-form-props";
import { readString } from "./read-data";

/** Flat map: an array-valued expression, and the field name each element is emitted under. */
export function FlatMapForm({ data, errors, errorSpans, onChange }: NodeFormProps) {
  const id = useId();
  const expressionErrors = errors("expression");
  const asErrors = errors("as");
  return (
    <>
      <FormField
        label="Array expression"
        labelId={`${id}-expression`}
        errors={expressionErrors}
        hint="Evaluated per record; one record is emitted per element of the array."
      >
        <ExpressionInput
          data-testid="field-expression"
          labelledBy={`${id}-expression`}
          placeholder="SPLIT(text, ' ')"
          value={readString(data, "expression")}
          invalid={expressionErrors.length > 0}
          errorSpans={errorSpans("expression")}
          onChange={(value) => onChange("expression", value)}
        />
      </FormField>
      <FormField label="Element field" htmlFor={`${id}-as`} errors={asErrors} hint="The field that holds each element in the records emitted.">
        <TextInput
          id={`${id}-as`}
          data-testid="field-as"
          className="font-mono"
          placeholder="word"
          value={readString(data, "as")}
          invalid={asErrors.length > 0}
          onChange={(event) => onChange("as", event.target.value)}
        />
      </FormField>
    </>
  );
}
