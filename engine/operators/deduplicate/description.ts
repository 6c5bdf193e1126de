import { z } from "zod";
import type { OperatorDescription } from "../operator-module";
import { formatMillis } from "../shared/format-millis";
import { fieldPath, label, lateness, positiveMillis } from "../shared/schema-parts";

export const deduplicateData = z.object({
  label,
  /** The fields that make two records the same. */
  key: z.array(fieldPath).min(1, "Name at least one key field").max(20, "At most 20 key fields"),
  /** Event-time windows of this length (aligned to the epoch): within one, a key passes once. */
  within: positiveMillis("Window"),
  /** How long after a window's end records may still arrive and count (event time, ms). */
  allowedLateness: lateness,
});

export type DeduplicateData = z.infer<typeof deduplicateData>;

/** Drops records whose key was already seen within a time window. */
export const deduplicateDescription: OperatorDescription<DeduplicateData, "deduplicate"> = {
  type: "deduplicate",
  label: "Deduplicate",
  category: "aggregate",
  hint: "Drop repeats of a key within a time window",
  icon: "copy-minus",
  inputs: { kind: "single" },
  outputs: { kind: "single" },
  schema: deduplicateData,
  defaults: () => ({ key: [], within: 60_000 }),
  summarize: (data) => `first per ${data.key.join(", ") || "?"} · ${formatMillis(data.within)} windows`,
  form: [
    { kind: "list", key: "key", label: "Key fields", placeholder: "order_id", hint: "Comma-separated fields: records with the same values are duplicates." },
    { kind: "duration", key: "within", label: "Window", hint: "Event-time windows of this length; within one, the first record of a key (by event time) passes, at the window's end." },
    { kind: "duration", key: "allowedLateness", label: "Allowed lateness", optional: true, hint: "Optional. How long after a window's end records may still arrive." },
  ],
  outputType: ({ input }) => input,
};
