"use client";

import { Plus, X } from "lucide-react";
import type { FormFieldSpec } from "@/engine/graph";
import { Button } from "@/components/ui/Button";
import { FieldErrors, FormField } from "@/components/ui/FormField";
import { IconButton } from "@/components/ui/IconButton";
import { Select } from "@/components/ui/Select";
import { TextInput } from "@/components/ui/TextInput";
import type { NodeFormProps } from "./node-form-props";
import { readRecords, readString } from "./read-data";

/** A reduce's aggregations: function, input field (none for count) and output name per row. */
export function AggregationsField({ spec, data, errors, onChange }: NodeFormProps & { spec: Extract<FormFieldSpec, { kind: "aggregations" }> }) {
  const aggregations = readRecords(data, spec.key);

  function setAggregation(index: number, key: string, value: unknown) {
    onChange(
      spec.key,
      aggregations.map((aggregation, at) => {
        if (at !== index) return aggregation;
        const next = { ...aggregation, [key]: value };
        // count takes no field; keeping a stale one would be saved but never used.
        if (key === "fn" && value === "count") delete next.field;
        return next;
      }),
      `${spec.key}.${index}.${key}`,
    );
  }

  return (
      <FormField
        label={spec.label}
        errors={errors(spec.key, { exact: true })}
        aside={
          <Button
            size="sm"
            variant="ghost"
            icon={<Plus />}
            data-testid="add-aggregation"
            onClick={() => onChange(spec.key, [...aggregations, { fn: "count", as: "" }])}
          >
            Add
          </Button>
        }
      >
        <div className="grid grid-cols-[88px_minmax(0,1fr)_minmax(0,1fr)_28px] gap-x-1.5 gap-y-1 text-[11px] font-medium text-slate-500">
          <span>Function</span>
          <span>Field</span>
          <span>Output name</span>
          <span />
        </div>
        <ol className="flex flex-col gap-1.5">
          {aggregations.map((aggregation, index) => {
            const fn = readString(aggregation, "fn");
            const rowErrors = errors(`${spec.key}.${index}`);
            return (
              <li key={index} data-testid="aggregation" className="flex flex-col gap-1">
                <div className="grid grid-cols-[88px_minmax(0,1fr)_minmax(0,1fr)_28px] items-center gap-1.5">
                  <Select
                    aria-label={`Aggregation ${index + 1} function`}
                    data-testid={`field-${spec.key}.${index}.fn`}
                    value={fn}
                    invalid={errors(`${spec.key}.${index}.fn`).length > 0}
                    options={spec.functions.map((value) => ({ value, label: value }))}
                    onChange={(event) => setAggregation(index, "fn", event.target.value)}
                  />
                  <TextInput
                    aria-label={`Aggregation ${index + 1} field`}
                    data-testid={`field-${spec.key}.${index}.field`}
                    className="font-mono"
                    placeholder={fn === "count" ? "records" : "amount"}
                    disabled={fn === "count"}
                    value={readString(aggregation, "field")}
                    invalid={errors(`${spec.key}.${index}.field`).length > 0}
                    onChange={(event) => setAggregation(index, "field", event.target.value || undefined)}
                  />
                  <TextInput
                    aria-label={`Aggregation ${index + 1} output name`}
                    data-testid={`field-${spec.key}.${index}.as`}
                    className="font-mono"
                    placeholder="total"
                    value={readString(aggregation, "as")}
                    invalid={errors(`${spec.key}.${index}.as`).length > 0}
                    onChange={(event) => setAggregation(index, "as", event.target.value)}
                  />
                  <IconButton
                    label={`Remove aggregation ${index + 1}`}
                    icon={<X />}
                    tone="danger"
                    onClick={() => onChange(spec.key, aggregations.filter((_, at) => at !== index))}
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
