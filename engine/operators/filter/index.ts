import type { OperatorModule } from "../operator-module";
import { filterDescription, type FilterData } from "./description";
import { createFilter } from "./embedded";

/** The filter operator: see description.ts and embedded.ts. */
export const filter: OperatorModule<FilterData, "filter"> = {
  ...filterDescription,
  embedded: { kind: "stateless", create: createFilter },
};
