import type { OperatorModule } from "../operator-module";
import { flatMapDescription, type FlatMapData } from "./description";
import { createFlatMap } from "./embedded";

/** The flat-map operator: see description.ts and embedded.ts. */
export const flatMap: OperatorModule<FlatMapData, "flat-map"> = {
  ...flatMapDescription,
  embedded: { kind: "stateless", create: createFlatMap },
};
