import { z } from "zod";
import { T } from "../../expr";
import type { OperatorDescription } from "../operator-module";
import { connection, fieldPath, label, topicName } from "../shared/schema-parts";
import { pinnedRecordType, pinnedSchema } from "../../schema/pinned-schema";

const sourceMillis = (what: string, max: number, maxText: string) =>
  z
    .number({ error: `${what} must be a number of milliseconds` })
    .int(`${what} must be a whole number of milliseconds`)
    .min(0, `${what} cannot be negative`)
    .max(max, `${what} must be at most ${maxText}`)
    .optional();

export const kafkaSourceData = z
  .object({
    label,
    connection,
    topic: topicName,
    /** `avro`, `protobuf`, `json-schema`: the Confluent wire format, decoded with the writer's schema from a Schema Registry. */
    format: z.enum(["json", "text", "avro", "protobuf", "json-schema"], { error: "Format must be 'json', 'text', 'avro', 'protobuf' or 'json-schema'" }),
    startFrom: z.enum(["earliest", "latest"], { error: "Start from must be 'earliest' or 'latest'" }),
    /** Event time from this field of a json record instead of the Kafka record timestamp. */
    timeField: fieldPath.optional().or(z.literal("").transform(() => undefined)),
    /** How the time field is written: epoch milliseconds (default) or an ISO-8601 string. */
    timeFormat: z.enum(["epoch-millis", "iso-8601"], { error: "Time format must be 'epoch-millis' or 'iso-8601'" }).optional(),
    /** Bounded out-of-orderness: how far behind a partition's largest event time its watermark stays (ms, default 0). */
    watermarkDelayMs: sourceMillis("Watermark delay", 7 * 24 * 3600 * 1000, "a week"),
    /** After this long without a record, a caught-up partition stops holding the watermark back (ms, default 5000; 0 = never). */
    idleTimeoutMs: sourceMillis("Idle timeout", 24 * 3600 * 1000, "a day"),
    /** The record fields the user pinned from an inferred sample; the checker types records by it. Optional (older documents have none). */
    pinnedSchema: pinnedSchema.optional(),
  })
  .superRefine((source, ctx) => {
    if (source.timeField && source.format === "text") {
      ctx.addIssue({ code: "custom", path: ["timeField"], message: "A text source has no fields; event time from a field needs the json format" });
    }
    if (source.timeFormat && !source.timeField) {
      ctx.addIssue({ code: "custom", path: ["timeFormat"], message: "Time format applies only with a time field" });
    }
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
    { kind: "text", key: "topic", label: "Topic", placeholder: "orders", mono: true, topic: "source" },
    {
      kind: "select",
      key: "format",
      label: "Format",
      options: [
        { value: "json", label: "JSON", hint: "Each value is a JSON object; its fields become the record's fields." },
        { value: "text", label: "Text (one string per record)", hint: "Each value is one string: the record has a single field, text." },
        { value: "avro", label: "Avro (Schema Registry)", hint: "Decoded with the writer's schema from the Schema Registry." },
        { value: "protobuf", label: "Protobuf (Schema Registry)", hint: "Decoded with the writer's schema from the Schema Registry." },
        { value: "json-schema", label: "JSON Schema (Schema Registry)", hint: "Decoded with the writer's schema from the Schema Registry." },
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
    {
      kind: "text",
      key: "timeField",
      label: "Event time field",
      placeholder: "Kafka timestamp",
      mono: true,
      optional: true,
      hint: "Leave empty to use the Kafka record timestamp. A record without a readable time goes to the dead letters.",
    },
    {
      kind: "select",
      key: "timeFormat",
      label: "Time format",
      absent: "epoch-millis",
      options: [
        { value: "epoch-millis", label: "Epoch milliseconds" },
        { value: "iso-8601", label: "ISO-8601 string" },
      ],
      when: (data) => typeof data.timeField === "string" && data.timeField !== "",
    },
    { kind: "duration", key: "watermarkDelayMs", label: "Watermark delay", hint: "How far out of order records may arrive within a partition and still count (default 0)." },
    { kind: "duration", key: "idleTimeoutMs", label: "Idle timeout", hint: "A caught-up partition without records this long stops holding windows back (default 5 s; 0 = never)." },
    { kind: "connection", key: "connection", label: "Kafka connection" },
  ],
  // A JSON source declares no schema (its records may hold any field) unless the user pinned one from a sample.
  outputType: ({ data }) => (data.format === "text" ? T.row({ text: T.string }) : data.pinnedSchema ? pinnedRecordType(data.pinnedSchema) : T.anyRecord()),
  endpoint: (data) => ({ topic: data.topic, connection: data.connection }),
};
