import type { OperatorModule } from "../operator-module";
import { reduceDescription, type ReduceData } from "./description";
import { createReduce } from "./embedded";
import { reduceFlink } from "./flink";

/** The reduce operator: see description.ts, embedded.ts and flink.ts. */
export const reduce: OperatorModule<ReduceData, "reduce"> = {
  ...reduceDescription,
  embedded: { kind: "stateful", create: createReduce },
  flink: reduceFlink,
};
