import type { OperatorModule } from "../operator-module";
import { filterDescription, type FilterData } from "./description";
import { createFilter } from "./embedded";
import { filterFlink } from "./flink";

/** The filter operator: see description.ts, embedded.ts and flink.ts. */
export const filter: OperatorModule<FilterData, "filter"> = {
  ...filterDescription,
  embedded: { kind: "stateless", create: createFilter },
  flink: filterFlink,
};
