"use client";

import { useId } from "react";
import { kafkaSourceData } from "@/engine/graph";
import { FormField } from "@/components/ui/FormField";
import { Select } from "@/components/ui/Select";
import { TextInput } from "@/components/ui/TextInput";
import { ConnectionField } from "./ConnectionField";
import type { NodeFormProps } from "./node-form-props";
import { readString } from "./read-data";

const formatLabels: Record<string, string> = {
  json: "JSON",
  text: "Text (one string per record)",
  avro: "Avro (Schema Registry)",
  protobuf: "Protobuf (Schema Registry)",
  "json-schema": "JSON Schema (Schema Registry)",
};
const startLabels: Record<string, string> = { earliest: "Earliest offset", latest: "Latest offset" };

/** Kafka source: the topic to read, how records are encoded, and where a new consumer starts. */
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
      <ConnectionField data={data} errors={errors} onChange={onChange} />
    </>
  );
}
