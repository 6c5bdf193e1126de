"use client";

import { useId } from "react";
import { joinData } from "@/engine/graph";
import { FormField } from "@/components/ui/FormField";
import { Select } from "@/components/ui/Select";
import { TextInput } from "@/components/ui/TextInput";
import { DurationInput } from "./DurationInput";
import type { NodeFormProps } from "./node-form-props";
import { readNumber, readString } from "./read-data";

const joinTypeLabels: Record<string, string> = {
  inner: "Inner: matched records only",
  left: "Left: keep unmatched left records",
};

/** Join: the key on each side, inner or left, and how far apart in time matches may be. */
export function JoinForm({ data, errors, onChange }: NodeFormProps) {
  const id = useId();
  return (
    <>
      <div className="grid grid-cols-2 gap-3">
        {(["leftKey", "rightKey"] as const).map((key) => (
          <FormField key={key} label={key === "leftKey" ? "Left key" : "Right key"} htmlFor={`${id}-${key}`} errors={errors(key)}>
            <TextInput
              id={`${id}-${key}`}
              data-testid={`field-${key}`}
              className="font-mono"
              placeholder={key === "leftKey" ? "order_id" : "id"}
              value={readString(data, key)}
              invalid={errors(key).length > 0}
              onChange={(event) => onChange(key, event.target.value)}
            />
          </FormField>
        ))}
      </div>
      <FormField label="Join type" htmlFor={`${id}-type`} errors={errors("type")}>
        <Select
          id={`${id}-type`}
          data-testid="field-type"
          value={readString(data, "type")}
          invalid={errors("type").length > 0}
          options={joinData.shape.type.options.map((value) => ({ value, label: joinTypeLabels[value] ?? value }))}
          onChange={(event) => onChange("type", event.target.value)}
        />
      </FormField>
      <FormField label="Within" htmlFor={`${id}-within`} errors={errors("within")} hint="How far apart in event time a left and a right record may be to match.">
        <DurationInput
          id={`${id}-within`}
          data-testid="field-within"
          value={readNumber(data, "within")}
          invalid={errors("within").length > 0}
          onChange={(milliseconds) => onChange("within", milliseconds)}
        />
      </FormField>
    </>
  );
}
