import type { OperatorModule } from "../operator-module";
import { deduplicateDescription, type DeduplicateData } from "./description";
import { createDeduplicate } from "./embedded";
import { deduplicateFlink } from "./flink";

/** The deduplicate operator: see description.ts, embedded.ts and flink.ts. */
export const deduplicate: OperatorModule<DeduplicateData, "deduplicate"> = {
  ...deduplicateDescription,
  embedded: { kind: "stateful", create: createDeduplicate },
  flink: deduplicateFlink,
};
