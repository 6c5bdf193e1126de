"use client";

import { Plus, X } from "lucide-react";
import { useId } from "react";
import { aggregateFunctions } from "@/engine/graph";
import { Button } from "@/components/ui/Button";
import { FieldErrors, FormField } from "@/components/ui/FormField";
import { IconButton } from "@/components/ui/IconButton";
import { Select } from "@/components/ui/Select";
import { TextInput } from "@/components/ui/TextInput";
import { DurationInput } from "./DurationInput";
import { ListInput } from "./ListInput";
import type { NodeFormProps } from "./node-form-props";
import { readNumber, readRecord, readRecords, readString, readStrings } from "./read-data";

const windowTypes = [
  { value: "none", label: "None: running totals" },
  { value: "tumbling", label: "Tumbling" },
  { value: "hopping", label: "Hopping" },
  { value: "session", label: "Session" },
] as const;

type WindowType = (typeof windowTypes)[number]["value"];

/** What a window starts as when its type is picked: a one-minute window, or a 30 s session gap. */
const windowDefaults: Record<Exclude<WindowType, "none">, Record<string, unknown>> = {
  tumbling: { type: "tumbling", size: 60_000 },
  hopping: { type: "hopping", size: 60_000, slide: 10_000 },
  session: { type: "session", gap: 30_000 },
};

const windowHints: Record<WindowType, string> = {
  none: "Emits an updated result for the key with every record.",
  tumbling: "Fixed, non-overlapping windows; one result per key and window.",
  hopping: "Fixed-size windows that start every slide, so they overlap.",
  session: "A window per key that closes after a gap with no records.",
};

/** Reduce: group-by fields, the aggregations, and an optional time window. */
export function ReduceForm({ data, errors, onChange }: NodeFormProps) {
  const id = useId();
  const aggregations = readRecords(data, "aggregations");
  const windowSpec = readRecord(data, "window");
  const windowType: WindowType = isWindowType(windowSpec?.type) ? windowSpec.type : "none";

  function setAggregation(index: number, key: string, value: unknown) {
    onChange(
      "aggregations",
      aggregations.map((aggregation, at) => {
        if (at !== index) return aggregation;
        const next = { ...aggregation, [key]: value };
        // count takes no field; keeping a stale one would be saved but never used.
        if (key === "fn" && value === "count") delete next.field;
        return next;
      }),
      `aggregations.${index}.${key}`,
    );
  }

  function setWindow(key: string, value: unknown) {
    onChange("window", { ...windowSpec, [key]: value }, `window.${key}`);
  }

  return (
    <>
      <FormField
        label="Group by"
        htmlFor={`${id}-group-by`}
        errors={errors("groupBy")}
        hint="Comma-separated fields. Leave empty to aggregate all records together."
      >
        <ListInput
          id={`${id}-group-by`}
          data-testid="field-groupBy"
          className="font-mono"
          placeholder="country, city"
          value={readStrings(data, "groupBy")}
          invalid={errors("groupBy").length > 0}
          onChange={(items) => onChange("groupBy", items)}
        />
      </FormField>

      <FormField
        label="Aggregations"
        errors={errors("aggregations", { exact: true })}
        aside={
          <Button
            size="sm"
            variant="ghost"
            icon={<Plus />}
            data-testid="add-aggregation"
            onClick={() => onChange("aggregations", [...aggregations, { fn: "count", as: "" }])}
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
            const rowErrors = errors(`aggregations.${index}`);
            return (
              <li key={index} data-testid="aggregation" className="flex flex-col gap-1">
                <div className="grid grid-cols-[88px_minmax(0,1fr)_minmax(0,1fr)_28px] items-center gap-1.5">
                  <Select
                    aria-label={`Aggregation ${index + 1} function`}
                    data-testid={`field-aggregations.${index}.fn`}
                    value={fn}
                    invalid={errors(`aggregations.${index}.fn`).length > 0}
                    options={aggregateFunctions.map((value) => ({ value, label: value }))}
                    onChange={(event) => setAggregation(index, "fn", event.target.value)}
                  />
                  <TextInput
                    aria-label={`Aggregation ${index + 1} field`}
                    data-testid={`field-aggregations.${index}.field`}
                    className="font-mono"
                    placeholder={fn === "count" ? "records" : "amount"}
                    disabled={fn === "count"}
                    value={readString(aggregation, "field")}
                    invalid={errors(`aggregations.${index}.field`).length > 0}
                    onChange={(event) => setAggregation(index, "field", event.target.value || undefined)}
                  />
                  <TextInput
                    aria-label={`Aggregation ${index + 1} output name`}
                    data-testid={`field-aggregations.${index}.as`}
                    className="font-mono"
                    placeholder="total"
                    value={readString(aggregation, "as")}
                    invalid={errors(`aggregations.${index}.as`).length > 0}
                    onChange={(event) => setAggregation(index, "as", event.target.value)}
                  />
                  <IconButton
                    label={`Remove aggregation ${index + 1}`}
                    icon={<X />}
                    tone="danger"
                    onClick={() => onChange("aggregations", aggregations.filter((_, at) => at !== index))}
                  />
                </div>
                <FieldErrors errors={rowErrors} />
              </li>
            );
          })}
        </ol>
      </FormField>

      <FormField label="Window" htmlFor={`${id}-window`} errors={errors("window", { exact: true })} hint={windowHints[windowType]}>
        <Select
          id={`${id}-window`}
          data-testid="field-window.type"
          value={windowType}
          options={windowTypes}
          onChange={(event) => {
            const next = event.target.value as WindowType;
            onChange("window", next === "none" ? undefined : windowDefaults[next], "window.type");
          }}
        />
      </FormField>
      {windowSpec && (windowType === "tumbling" || windowType === "hopping") && (
        <FormField label="Window size" htmlFor={`${id}-size`} errors={errors("window.size")}>
          <DurationInput
            id={`${id}-size`}
            data-testid="field-window.size"
            value={readNumber(windowSpec, "size")}
            invalid={errors("window.size").length > 0}
            onChange={(milliseconds) => setWindow("size", milliseconds)}
          />
        </FormField>
      )}
      {windowSpec && windowType === "hopping" && (
        <FormField label="Slide" htmlFor={`${id}-slide`} errors={errors("window.slide")} hint="How often a new window starts.">
          <DurationInput
            id={`${id}-slide`}
            data-testid="field-window.slide"
            value={readNumber(windowSpec, "slide")}
            invalid={errors("window.slide").length > 0}
            onChange={(milliseconds) => setWindow("slide", milliseconds)}
          />
        </FormField>
      )}
      {windowSpec && windowType === "session" && (
        <FormField label="Session gap" htmlFor={`${id}-gap`} errors={errors("window.gap")}>
          <DurationInput
            id={`${id}-gap`}
            data-testid="field-window.gap"
            value={readNumber(windowSpec, "gap")}
            invalid={errors("window.gap").length > 0}
            onChange={(milliseconds) => setWindow("gap", milliseconds)}
          />
        </FormField>
      )}
    </>
  );
}

function isWindowType(value: unknown): value is Exclude<WindowType, "none"> {
  return value === "tumbling" || value === "hopping" || value === "session";
}
