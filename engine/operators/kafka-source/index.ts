import type { OperatorModule } from "../operator-module";
import { kafkaSourceDescription, type KafkaSourceData } from "./description";
import { createSourceDecoder } from "./embedded";

/** The Kafka source operator: see description.ts and embedded.ts. */
export const kafkaSource: OperatorModule<KafkaSourceData, "kafka-source"> = {
  ...kafkaSourceDescription,
  embedded: { kind: "source", create: createSourceDecoder, fromBeginning: (data) => data.startFrom === "earliest" },
};
