import { PlanError } from "../shared/compile-node-expression";
import type { OperatorModule } from "../operator-module";
import { kafkaSinkDescription, type KafkaSinkData } from "./description";
import { createSinkEncoder } from "./embedded";
import { kafkaSinkFlink } from "./flink";

/** The Kafka sink operator: see description.ts, embedded.ts and flink.ts. */
export const kafkaSink: OperatorModule<KafkaSinkData, "kafka-sink"> = {
  ...kafkaSinkDescription,
  embedded: {
    kind: "sink",
    create: (nodeId, data, registered) => {
      if (data.format !== "json" && !registered) {
        throw new PlanError(nodeId, "format", [{ code: "FORMAT", message: `Sink '${nodeId}' writes ${data.format}, but its schema was not registered before the pipeline started`, start: 0, end: 0 }]);
      }
      return createSinkEncoder(data, registered?.encode);
    },
    topic: (data) => data.topic,
  },
  flink: kafkaSinkFlink,
};
