import type { OperatorModule } from "../operator-module";
import { reduceDescription, type ReduceData } from "./description";
import { createReduce } from "./embedded";

/** The reduce operator: see description.ts and embedded.ts. */
export const reduce: OperatorModule<ReduceData, "reduce"> = {
  ...reduceDescription,
  embedded: { kind: "stateful", create: createReduce },
};
