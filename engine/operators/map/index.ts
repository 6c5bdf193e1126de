import type { OperatorModule } from "../operator-module";
import { mapDescription, type MapData } from "./description";
import { createMap } from "./embedded";
import { mapFlink } from "./flink";

/** The map operator: see description.ts, embedded.ts and flink.ts. */
export const map: OperatorModule<MapData, "map"> = {
  ...mapDescription,
  embedded: { kind: "stateless", create: createMap },
  flink: mapFlink,
};
