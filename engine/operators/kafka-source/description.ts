import { z } from "zod";
import { T } from "../../expr";
import type { OperatorDescription } from "../operator-module";
import { connection, label, topicName } from "../shared/schema-parts";

export const kafkaSourceData = z.object({
  label,
  connection,
  topic: topicName,
  format: z.enum(["json", "text"], { error: "Format must be 'json' or 'text'" }),
  startFrom: z.enum(["earliest", "latest"], { error: "Start from must be 'earliest' or 'latest'" }),
});

export type KafkaSourceData = z.infer<typeof kafkaSourceData>;

/** Reads records from a Kafka topic: JSON objects, or lines of text as `{ text }`. */
export const kafkaSourceDescription: OperatorDescription<KafkaSourceData, "kafka-source"> = {
  type: "kafka-source",
  label: "Kafka source",
  category: "source",
  hint: "Read records from a topic",
  icon: "arrow-down-to-line",
  inputs: { kind: "none" },
  outputs: { kind: "single" },
  schema: kafkaSourceData,
  defaults: () => ({ topic: "", format: "json", startFrom: "earliest" }),
  summarize: (data) => `${data.topic || "no topic"} · ${data.format} · from ${data.startFrom}`,
  form: [
    { kind: "text", key: "topic", label: "Topic", placeholder: "orders", mono: true },
    {
      kind: "select",
      key: "format",
      label: "Format",
      hint: "Text records have a single field, text.",
      options: [
        { value: "json", label: "JSON" },
        { value: "text", label: "Text (one string per record)" },
      ],
    },
    {
      kind: "select",
      key: "startFrom",
      label: "Start from",
      hint: "Where reading begins when the pipeline has no committed offsets yet.",
      options: [
        { value: "earliest", label: "Earliest offset" },
        { value: "latest", label: "Latest offset" },
      ],
    },
    { kind: "connection", key: "connection", label: "Kafka connection" },
  ],
  // A JSON source declares no schema: its records may hold any field.
  outputType: ({ data }) => (data.format === "text" ? T.row({ text: T.string }) : T.anyRecord()),
  endpoint: (data) => ({ topic: data.topic, connection: data.connection }),
};
