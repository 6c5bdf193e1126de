import { isRegistryFormat } from "../../formats/registry-formats";
import { defaultIdleTimeoutMs, defaultWatermarkDelayMs } from "../../runtime/watermark-tracker";
import type { OperatorModule } from "../operator-module";
import { kafkaSourceDescription, type KafkaSourceData } from "./description";
import { createSourceDecoder } from "./embedded";
import { kafkaSourceFlink } from "./flink";

/** The Kafka source operator: see description.ts, embedded.ts and flink.ts. */
export const kafkaSource: OperatorModule<KafkaSourceData, "kafka-source"> = {
  ...kafkaSourceDescription,
  embedded: {
    kind: "source",
    create: createSourceDecoder,
    codec: (data, formats) => (isRegistryFormat(data.format) ? formats.codecFor(data.connection) : null),
    topic: (data) => data.topic,
    fromBeginning: (data) => data.startFrom === "earliest",
    eventTime: (data) => ({
      delayMs: data.watermarkDelayMs ?? defaultWatermarkDelayMs,
      idleTimeoutMs: data.idleTimeoutMs ?? defaultIdleTimeoutMs,
      config: { topic: data.topic, timeField: data.timeField ?? null, timeFormat: data.timeFormat ?? null },
    }),
  },
  flink: kafkaSourceFlink,
};
