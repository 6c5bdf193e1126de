"use client";

import { useId } from "react";
import { kafkaSourceData } from "@/engine/graph";
import { FormField } from "@/components/ui/FormField";
import { Select } from "@/components/ui/Select";
import { TextInput } from "@/components/ui/TextInput";
import { ConnectionField } from "./ConnectionField";
import { DurationInput } from "./DurationInput";
import type { NodeFormProps } from "./node-form-props";
import { readNumber, readString } from "./read-data";

const formatLabels: Record<string, string> = {
  json: "JSON",
  text: "Text (one string per record)",
  avro: "Avro (Schema Registry)",
  protobuf: "Protobuf (Schema Registry)",
  "json-schema": "JSON Schema (Schema Registry)",
};
const startLabels: Record<string, string> = { earliest: "Earliest offset", latest: "Latest offset" };
const timeFormatLabels: Record<string, string> = { "epoch-millis": "Epoch milliseconds", "iso-8601": "ISO-8601 string" };

/**
 * Kafka source: the topic to read, how records are encoded, where a new
 * consumer starts, and its event time (from the Kafka timestamp or a field,
 * with a watermark delay and an idle timeout).
 */
export function KafkaSourceForm({ data, errors, onChange }: NodeFormProps) {
  const id = useId();
  const formatErrors = errors("format");
  const startErrors = errors("startFrom");
  return (
    <>
      <FormField label="Topic" htmlFor={`${id}-topic`} errors={errors("topic")}>
        <TextInput
          id={`${id}-topic`}
          data-testid="field-topic"
          className="font-mono"
          placeholder="orders"
          value={readString(data, "topic")}
          invalid={errors("topic").length > 0}
          onChange={(event) => onChange("topic", event.target.value)}
        />
      </FormField>
      <FormField label="Format" htmlFor={`${id}-format`} errors={formatErrors} hint="Text records have a single field, text. Registry formats are decoded with the writer's schema.">
        <Select
          id={`${id}-format`}
          data-testid="field-format"
          value={readString(data, "format")}
          invalid={formatErrors.length > 0}
          options={kafkaSourceData.shape.format.options.map((value) => ({ value, label: formatLabels[value] ?? value }))}
          onChange={(event) => onChange("format", event.target.value)}
        />
      </FormField>
      <FormField
        label="Start from"
        htmlFor={`${id}-start`}
        errors={startErrors}
        hint="Where reading begins when the pipeline has no committed offsets yet."
      >
        <Select
          id={`${id}-start`}
          data-testid="field-startFrom"
          value={readString(data, "startFrom")}
          invalid={startErrors.length > 0}
          options={kafkaSourceData.shape.startFrom.options.map((value) => ({ value, label: startLabels[value] ?? value }))}
          onChange={(event) => onChange("startFrom", event.target.value)}
        />
      </FormField>
      <FormField
        label="Event time field"
        htmlFor={`${id}-time-field`}
        errors={errors("timeField")}
        hint="Leave empty to use the Kafka record timestamp. A record without a readable time goes to the dead letters."
      >
        <TextInput
          id={`${id}-time-field`}
          data-testid="field-timeField"
          className="font-mono"
          placeholder="Kafka timestamp"
          value={readString(data, "timeField")}
          invalid={errors("timeField").length > 0}
          onChange={(event) => onChange("timeField", event.target.value || undefined)}
        />
      </FormField>
      {readString(data, "timeField") ? (
        <FormField label="Time format" htmlFor={`${id}-time-format`} errors={errors("timeFormat")}>
          <Select
            id={`${id}-time-format`}
            data-testid="field-timeFormat"
            value={readString(data, "timeFormat") || "epoch-millis"}
            invalid={errors("timeFormat").length > 0}
            options={Object.entries(timeFormatLabels).map(([value, label]) => ({ value, label }))}
            onChange={(event) => onChange("timeFormat", event.target.value === "epoch-millis" ? undefined : event.target.value)}
          />
        </FormField>
      ) : null}
      <FormField
        label="Watermark delay"
        htmlFor={`${id}-delay`}
        errors={errors("watermarkDelayMs")}
        hint="How far out of order records may arrive within a partition and still count (default 0)."
      >
        <DurationInput
          id={`${id}-delay`}
          data-testid="field-watermarkDelayMs"
          value={readNumber(data, "watermarkDelayMs")}
          invalid={errors("watermarkDelayMs").length > 0}
          onChange={(milliseconds) => onChange("watermarkDelayMs", milliseconds)}
        />
      </FormField>
      <FormField
        label="Idle timeout"
        htmlFor={`${id}-idle`}
        errors={errors("idleTimeoutMs")}
        hint="A caught-up partition without records this long stops holding windows back (default 5 s; 0 = never)."
      >
        <DurationInput
          id={`${id}-idle`}
          data-testid="field-idleTimeoutMs"
          value={readNumber(data, "idleTimeoutMs")}
          invalid={errors("idleTimeoutMs").length > 0}
          onChange={(milliseconds) => onChange("idleTimeoutMs", milliseconds)}
        />
      </FormField>
      <ConnectionField data={data} errors={errors} onChange={onChange} />
    </>
  );
}
