import type { OperatorModule } from "../operator-module";
import { joinDescription, type JoinData } from "./description";
import { createJoin } from "./embedded";

/** The join operator: see description.ts and embedded.ts. */
export const join: OperatorModule<JoinData, "join"> = {
  ...joinDescription,
  embedded: { kind: "stateful", create: createJoin },
};
