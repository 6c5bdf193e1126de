"use client";

import { useId } from "react";
import { FormField } from "@/components/ui/FormField";
import { Select } from "@/components/ui/Select";
import { TextInput } from "@/components/ui/TextInput";
import { ConnectionField } from "./ConnectionField";
import type { NodeFormProps } from "./node-form-props";
import { readString } from "./read-data";

/** Kafka sink: the topic to write, the encoding and which field becomes the record key. */
export function KafkaSinkForm({ data, errors, onChange }: NodeFormProps) {
  const id = useId();
  return (
    <>
      <FormField label="Topic" htmlFor={`${id}-topic`} errors={errors("topic")}>
        <TextInput
          id={`${id}-topic`}
          data-testid="field-topic"
          className="font-mono"
          placeholder="orders-enriched"
          value={readString(data, "topic")}
          invalid={errors("topic").length > 0}
          onChange={(event) => onChange("topic", event.target.value)}
        />
      </FormField>
      <FormField label="Format" htmlFor={`${id}-format`} errors={errors("format")} hint="Avro registers a schema derived from the input's types under <topic>-value.">
        <Select
          id={`${id}-format`}
          data-testid="field-format"
          value={readString(data, "format")}
          invalid={errors("format").length > 0}
          options={[
            { value: "json", label: "JSON" },
            { value: "avro", label: "Avro (Schema Registry)" },
          ]}
          onChange={(event) => onChange("format", event.target.value)}
        />
      </FormField>
      <FormField label="Key field" htmlFor={`${id}-key`} errors={errors("key")} hint="Optional. The field written as the Kafka record key.">
        <TextInput
          id={`${id}-key`}
          data-testid="field-key"
          className="font-mono"
          placeholder="no key"
          value={readString(data, "key")}
          invalid={errors("key").length > 0}
          onChange={(event) => onChange("key", event.target.value || undefined)}
        />
      </FormField>
      <ConnectionField data={data} errors={errors} onChange={onChange} />
    </>
  );
}
