import type { OperatorModule } from "../operator-module";
import { mapDescription, type MapData } from "./description";
import { createMap } from "./embedded";

/** The map operator: see description.ts and embedded.ts. */
export const map: OperatorModule<MapData, "map"> = {
  ...mapDescription,
  embedded: { kind: "stateless", create: createMap },
};
