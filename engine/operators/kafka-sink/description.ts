import { z } from "zod";
import type { OperatorDescription } from "../operator-module";
import { connection, fieldPath, label, topicName } from "../shared/schema-parts";

export const kafkaSinkData = z.object({
  label,
  connection,
  topic: topicName,
  /** `avro`: encoded with a schema derived from the input's types, registered under `<topic>-value`. */
  format: z.enum(["json", "avro"], { error: "Sink format must be 'json' or 'avro'" }),
  key: fieldPath.optional().or(z.literal("").transform(() => undefined)),
});

export type KafkaSinkData = z.infer<typeof kafkaSinkData>;

/** Writes records to a Kafka topic as JSON. */
export const kafkaSinkDescription: OperatorDescription<KafkaSinkData, "kafka-sink"> = {
  type: "kafka-sink",
  label: "Kafka sink",
  category: "sink",
  hint: "Write records to a topic",
  icon: "arrow-up-from-line",
  inputs: { kind: "single" },
  outputs: { kind: "none" },
  schema: kafkaSinkData,
  defaults: () => ({ topic: "", format: "json" }),
  summarize: (data) => `${data.topic || "no topic"} · ${data.format}${data.key ? ` · key ${data.key}` : ""}`,
  form: [
    { kind: "text", key: "topic", label: "Topic", placeholder: "orders-enriched", mono: true, topic: "sink" },
    {
      kind: "select",
      key: "format",
      label: "Format",
      hint: "Avro registers a schema derived from the input's types under <topic>-value.",
      options: [
        { value: "json", label: "JSON" },
        { value: "avro", label: "Avro (Schema Registry)" },
      ],
    },
    { kind: "text", key: "key", label: "Key field", placeholder: "no key", mono: true, optional: true, hint: "Optional. The field written as the Kafka record key." },
    { kind: "connection", key: "connection", label: "Kafka connection" },
  ],
  outputType: ({ input }) => input,
  endpoint: (data) => ({ topic: data.topic, connection: data.connection }),
};
