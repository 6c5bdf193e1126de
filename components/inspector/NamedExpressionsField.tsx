"use client";

import { Plus, X } from "lucide-react";
import { useId } from "react";
import { Button } from "@/components/ui/Button";
import { FieldErrors, FormField } from "@/components/ui/FormField";
import { IconButton } from "@/components/ui/IconButton";
import { TextInput } from "@/components/ui/TextInput";
import { ExpressionInput } from "./ExpressionInput";
import type { FormFieldSpec } from "@/engine/graph";
import type { NodeFormProps } from "./node-form-props";
import { readRecords } from "./read-data";

const rowColumns = "grid grid-cols-[104px_auto_minmax(0,1fr)_28px] items-start gap-x-1.5";

/**
 * A list of rows read as `name = expression`: a map's output fields, a route's
 * named conditions. The keys of both parts come from the description.
 */
export function NamedExpressionsField({ spec, data, errors, errorSpans, onChange }: NodeFormProps & { spec: Extract<FormFieldSpec, { kind: "named-expressions" }> }) {
  const id = useId();
  const listKey = spec.key;
  const nameKey = spec.names.key;
  const expressionKey = spec.expressions.key;
  const fields = readRecords(data, listKey);

  function setField(index: number, key: string, value: string) {
    onChange(
      listKey,
      fields.map((field, at) => (at === index ? { ...field, [key]: value } : field)),
      `${listKey}.${index}.${key}`,
    );
  }

  return (
    <FormField
      label={spec.label}
      hint={spec.hint}
      errors={errors(listKey, { exact: true })}
      aside={
        <Button
          size="sm"
          variant="ghost"
          icon={<Plus />}
          data-testid={`add-${listKey}`}
          onClick={() => onChange(listKey, [...fields, { [nameKey]: "", [expressionKey]: "" }])}
        >
          {spec.addLabel}
        </Button>
      }
    >
      <div className={`${rowColumns} text-[11px] font-medium text-slate-500`}>
        <span>{spec.names.label}</span>
        <span />
        <span>{spec.expressions.label}</span>
        <span />
      </div>
      <ol className="flex flex-col gap-1.5">
        {fields.map((field, index) => {
          const rowErrors = errors(`${listKey}.${index}`);
          const name = field[nameKey];
          const text = field[expressionKey];
          return (
            <li key={index} className="flex flex-col gap-1" data-testid={`${listKey}-row`}>
              <div className={rowColumns}>
                <TextInput
                  aria-label={`${spec.label} ${index + 1} ${spec.names.label.toLowerCase()}`}
                  data-testid={`field-${listKey}.${index}.${nameKey}`}
                  className="font-mono"
                  placeholder={spec.names.placeholder}
                  value={typeof name === "string" ? name : ""}
                  invalid={errors(`${listKey}.${index}.${nameKey}`).length > 0}
                  onChange={(event) => setField(index, nameKey, event.target.value)}
                />
                <span className="flex h-8 items-center font-mono text-xs text-slate-500" aria-hidden="true">
                  =
                </span>
                <span id={`${id}-expression-${index}`} className="sr-only">
                  {spec.label} {index + 1} {spec.expressions.label.toLowerCase()}
                </span>
                <ExpressionInput
                  data-testid={`field-${listKey}.${index}.${expressionKey}`}
                  labelledBy={`${id}-expression-${index}`}
                  placeholder={spec.expressions.placeholder}
                  value={typeof text === "string" ? text : ""}
                  invalid={errors(`${listKey}.${index}.${expressionKey}`).length > 0}
                  errorSpans={errorSpans(`${listKey}.${index}.${expressionKey}`)}
                  onChange={(value) => setField(index, expressionKey, value)}
                />
                <IconButton
                  label={`Remove ${spec.label.toLowerCase()} ${index + 1}`}
                  icon={<X />}
                  tone="danger"
                  className="mt-0.5"
                  onClick={() => onChange(listKey, fields.filter((_, at) => at !== index))}
                />
              </div>
              <FieldErrors errors={rowErrors} />
            </li>
          );
        })}
      </ol>
    </FormField>
  );
}
