"use client";

import { useId } from "react";
import type { FormFieldSpec } from "@/engine/graph";
import { FormField } from "@/components/ui/FormField";
import { Select } from "@/components/ui/Select";
import { TextInput } from "@/components/ui/TextInput";
import { DurationInput } from "./DurationInput";
import { ExpressionInput } from "./ExpressionInput";
import { ListInput } from "./ListInput";
import type { NodeFormProps } from "./node-form-props";
import { TopicField } from "./TopicField";
import { readNumber, readString, readStrings } from "./read-data";

type FieldProps<Kind extends FormFieldSpec["kind"]> = NodeFormProps & { spec: Extract<FormFieldSpec, { kind: Kind }> };

/** A one-line text field (a topic, a field name); `optional` stores an empty value as absent. */
export function TextField({ spec, data, errors, onChange }: FieldProps<"text">) {
  const id = useId();
  const fieldErrors = errors(spec.key);
  if (spec.topic) return <TopicField id={id} spec={spec} role={spec.topic} data={data} errors={fieldErrors} onChange={onChange} />;
  return (
    <FormField label={spec.label} htmlFor={id} errors={fieldErrors} hint={spec.hint}>
      <TextInput
        id={id}
        data-testid={`field-${spec.key}`}
        className={spec.mono ? "font-mono" : undefined}
        placeholder={spec.placeholder}
        value={readString(data, spec.key)}
        invalid={fieldErrors.length > 0}
        onChange={(event) => onChange(spec.key, spec.optional ? event.target.value || undefined : event.target.value)}
      />
    </FormField>
  );
}

/** A choice among fixed values. */
export function SelectField({ spec, data, errors, onChange }: FieldProps<"select">) {
  const id = useId();
  const fieldErrors = errors(spec.key);
  const value = readString(data, spec.key) || (spec.absent ?? "");
  // The hint follows the choice: what the selected format means, not what another one would.
  const hint = spec.options.find((option) => option.value === value)?.hint ?? spec.hint;
  return (
    <FormField label={spec.label} htmlFor={id} errors={fieldErrors} hint={hint}>
      <Select
        id={id}
        data-testid={`field-${spec.key}`}
        value={readString(data, spec.key) || (spec.absent ?? "")}
        invalid={fieldErrors.length > 0}
        options={spec.options}
        onChange={(event) => onChange(spec.key, event.target.value === spec.absent ? undefined : event.target.value)}
      />
    </FormField>
  );
}

/** An expression in the code editor, with the checker's problems underlined. */
export function ExpressionField({ spec, data, errors, errorSpans, onChange }: FieldProps<"expression">) {
  const id = useId();
  const fieldErrors = errors(spec.key);
  return (
    <FormField label={spec.label} labelId={id} errors={fieldErrors} hint={spec.hint}>
      <ExpressionInput
        data-testid={`field-${spec.key}`}
        labelledBy={id}
        placeholder={spec.placeholder}
        value={readString(data, spec.key)}
        invalid={fieldErrors.length > 0}
        errorSpans={errorSpans(spec.key)}
        onChange={(value) => onChange(spec.key, value)}
      />
    </FormField>
  );
}

/** A list of names, typed comma-separated. */
export function ListField({ spec, data, errors, onChange }: FieldProps<"list">) {
  const id = useId();
  return (
    <FormField label={spec.label} htmlFor={id} errors={errors(spec.key)} hint={spec.hint}>
      <ListInput
        id={id}
        data-testid={`field-${spec.key}`}
        className="font-mono"
        placeholder={spec.placeholder}
        value={readStrings(data, spec.key)}
        invalid={errors(spec.key).length > 0}
        onChange={(items) => onChange(spec.key, items)}
      />
    </FormField>
  );
}

/** A duration typed with a unit, stored in milliseconds. */
export function DurationField({ spec, data, errors, onChange }: FieldProps<"duration">) {
  const id = useId();
  return (
    <FormField label={spec.label} htmlFor={id} errors={errors(spec.key)} hint={spec.hint}>
      <DurationInput
        id={id}
        data-testid={`field-${spec.key}`}
        value={readNumber(data, spec.key)}
        invalid={errors(spec.key).length > 0}
        onChange={(milliseconds) => onChange(spec.key, milliseconds)}
      />
    </FormField>
  );
}
