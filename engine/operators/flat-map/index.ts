import type { OperatorModule } from "../operator-module";
import { flatMapDescription, type FlatMapData } from "./description";
import { createFlatMap } from "./embedded";
import { flatMapFlink } from "./flink";

/** The flat-map operator: see description.ts, embedded.ts and flink.ts. */
export const flatMap: OperatorModule<FlatMapData, "flat-map"> = {
  ...flatMapDescription,
  embedded: { kind: "stateless", create: createFlatMap },
  flink: flatMapFlink,
};
