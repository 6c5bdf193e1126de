"use client";

import { Plus, X } from "lucide-react";
import { useId } from "react";
import { Button } from "@/components/ui/Button";
import { FieldErrors, FormField } from "@/components/ui/FormField";
import { IconButton } from "@/components/ui/IconButton";
import { TextInput } from "@/components/ui/TextInput";
import { ExpressionInput } from "./ExpressionInput";
import type { NodeFormProps } from "./node-form-props";
import { readRecords } from "./read-data";

const rowColumns = "grid grid-cols-[104px_auto_minmax(0,1fr)_28px] items-start gap-x-1.5";

/** Map: the output fields, each read as `name = expression`. */
export function MapForm({ data, errors, errorSpans, onChange }: NodeFormProps) {
  const id = useId();
  const fields = readRecords(data, "fields");

  function setField(index: number, key: "name" | "expression", value: string) {
    onChange(
      "fields",
      fields.map((field, at) => (at === index ? { ...field, [key]: value } : field)),
      `fields.${index}.${key}`,
    );
  }

  return (
    <FormField
      label="Output fields"
      errors={errors("fields", { exact: true })}
      aside={
        <Button
          size="sm"
          variant="ghost"
          icon={<Plus />}
          data-testid="add-map-field"
          onClick={() => onChange("fields", [...fields, { name: "", expression: "" }])}
        >
          Add field
        </Button>
      }
    >
      <div className={`${rowColumns} text-[11px] font-medium text-slate-500`}>
        <span>Name</span>
        <span />
        <span>Expression</span>
        <span />
      </div>
      <ol className="flex flex-col gap-1.5">
        {fields.map((field, index) => {
          const rowErrors = errors(`fields.${index}`);
          return (
            <li key={index} className="flex flex-col gap-1" data-testid="map-field">
              <div className={rowColumns}>
                <TextInput
                  aria-label={`Output field ${index + 1} name`}
                  data-testid={`field-fields.${index}.name`}
                  className="font-mono"
                  placeholder="name"
                  value={typeof field.name === "string" ? field.name : ""}
                  invalid={errors(`fields.${index}.name`).length > 0}
                  onChange={(event) => setField(index, "name", event.target.value)}
                />
                <span className="flex h-8 items-center font-mono text-xs text-slate-400" aria-hidden="true">
                  =
                </span>
                <span id={`${id}-expression-${index}`} className="sr-only">
                  Output field {index + 1} expression
                </span>
                <ExpressionInput
                  data-testid={`field-fields.${index}.expression`}
                  labelledBy={`${id}-expression-${index}`}
                  placeholder="price * quantity"
                  value={typeof field.expression === "string" ? field.expression : ""}
                  invalid={errors(`fields.${index}.expression`).length > 0}
                  errorSpans={errorSpans(`fields.${index}.expression`)}
                  onChange={(value) => setField(index, "expression", value)}
                />
                <IconButton
                  label={`Remove output field ${index + 1}`}
                  icon={<X />}
                  tone="danger"
                  className="mt-0.5"
                  onClick={() => onChange("fields", fields.filter((_, at) => at !== index))}
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
