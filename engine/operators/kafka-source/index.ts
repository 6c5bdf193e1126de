import type { OperatorModule } from "../operator-module";
import { kafkaSourceDescription, type KafkaSourceData } from "./description";
import { createSourceDecoder } from "./embedded";
import { kafkaSourceFlink } from "./flink";

/** The Kafka source operator: see description.ts, embedded.ts and flink.ts. */
export const kafkaSource: OperatorModule<KafkaSourceData, "kafka-source"> = {
  ...kafkaSourceDescription,
  embedded: { kind: "source", create: createSourceDecoder, fromBeginning: (data) => data.startFrom === "earliest" },
  flink: kafkaSourceFlink,
};
