import type { OperatorModule } from "../operator-module";
import { unionDescription, type UnionData } from "./description";
import { createUnion } from "./embedded";
import { unionFlink } from "./flink";

/** The union operator: see description.ts, embedded.ts and flink.ts. */
export const union: OperatorModule<UnionData, "union"> = {
  ...unionDescription,
  embedded: { kind: "stateless", create: createUnion },
  flink: unionFlink,
};
