import type { OperatorModule } from "../operator-module";
import { kafkaSinkDescription, type KafkaSinkData } from "./description";
import { createSinkEncoder } from "./embedded";
import { kafkaSinkFlink } from "./flink";

/** The Kafka sink operator: see description.ts, embedded.ts and flink.ts. */
export const kafkaSink: OperatorModule<KafkaSinkData, "kafka-sink"> = {
  ...kafkaSinkDescription,
  embedded: { kind: "sink", create: (_nodeId, data) => createSinkEncoder(data), topic: (data) => data.topic },
  flink: kafkaSinkFlink,
};
