import type { OperatorModule } from "../operator-module";
import { joinDescription, type JoinData } from "./description";
import { createJoin } from "./embedded";
import { joinFlink } from "./flink";

/** The join operator: see description.ts, embedded.ts and flink.ts. */
export const join: OperatorModule<JoinData, "join"> = {
  ...joinDescription,
  embedded: { kind: "stateful", create: createJoin },
  flink: joinFlink,
};
