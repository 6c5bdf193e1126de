"use client";

import { useId } from "react";
import type { FormFieldSpec } from "@/engine/graph";
import { FormField } from "@/components/ui/FormField";
import { Select } from "@/components/ui/Select";
import { DurationInput } from "./DurationInput";
import type { NodeFormProps } from "./node-form-props";
import { readNumber, readRecord } from "./read-data";

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

/** An optional event-time window: none, tumbling, hopping or session, with its durations. */
export function WindowField({ spec, data, errors, onChange }: NodeFormProps & { spec: Extract<FormFieldSpec, { kind: "window" }> }) {
  const id = useId();
  const windowSpec = readRecord(data, spec.key);
  const windowType: WindowType = isWindowType(windowSpec?.type) ? windowSpec.type : "none";

  function setWindow(key: string, value: unknown) {
    onChange(spec.key, { ...windowSpec, [key]: value }, `${spec.key}.${key}`);
  }

  return (
    <>
      <FormField label={spec.label} htmlFor={`${id}-window`} errors={errors(spec.key, { exact: true })} hint={windowHints[windowType]}>
        <Select
          id={`${id}-window`}
          data-testid={`field-${spec.key}.type`}
          value={windowType}
          options={windowTypes}
          onChange={(event) => {
            const next = event.target.value as WindowType;
            onChange(spec.key, next === "none" ? undefined : windowDefaults[next], `${spec.key}.type`);
          }}
        />
      </FormField>
      {windowSpec && (windowType === "tumbling" || windowType === "hopping") && (
        <FormField label="Window size" htmlFor={`${id}-size`} errors={errors(`${spec.key}.size`)}>
          <DurationInput
            id={`${id}-size`}
            data-testid={`field-${spec.key}.size`}
            value={readNumber(windowSpec, "size")}
            invalid={errors(`${spec.key}.size`).length > 0}
            onChange={(milliseconds) => setWindow("size", milliseconds)}
          />
        </FormField>
      )}
      {windowSpec && windowType === "hopping" && (
        <FormField label="Slide" htmlFor={`${id}-slide`} errors={errors(`${spec.key}.slide`)} hint="How often a new window starts.">
          <DurationInput
            id={`${id}-slide`}
            data-testid={`field-${spec.key}.slide`}
            value={readNumber(windowSpec, "slide")}
            invalid={errors(`${spec.key}.slide`).length > 0}
            onChange={(milliseconds) => setWindow("slide", milliseconds)}
          />
        </FormField>
      )}
      {windowSpec && windowType === "session" && (
        <FormField label="Session gap" htmlFor={`${id}-gap`} errors={errors(`${spec.key}.gap`)}>
          <DurationInput
            id={`${id}-gap`}
            data-testid={`field-${spec.key}.gap`}
            value={readNumber(windowSpec, "gap")}
            invalid={errors(`${spec.key}.gap`).length > 0}
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
