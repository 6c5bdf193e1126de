import { z } from "zod";
import { T, type Type } from "../../expr";
import type { OperatorDescription } from "../operator-module";
import { fieldType } from "../shared/field-type";
import { formatMillis } from "../shared/format-millis";
import { fieldName, fieldPath, label, lateness, positiveMillis, rejectDuplicates } from "../shared/schema-parts";

export const aggregateFunctions = ["count", "sum", "min", "max", "avg"] as const;
export type AggregateFunction = (typeof aggregateFunctions)[number];

export const aggregationSchema = z
  .object({
    fn: z.enum(aggregateFunctions, { error: "Aggregate must be one of count, sum, min, max, avg" }),
    field: fieldPath.optional(),
    as: fieldName,
  })
  .superRefine((aggregation, ctx) => {
    if (aggregation.fn !== "count" && !aggregation.field) {
      ctx.addIssue({ code: "custom", path: ["field"], message: `${aggregation.fn} needs a field to aggregate` });
    }
  });

export const windowSchema = z.discriminatedUnion(
  "type",
  [
    z.object({ type: z.literal("tumbling"), size: positiveMillis("Window size") }),
    z
      .object({ type: z.literal("hopping"), size: positiveMillis("Window size"), slide: positiveMillis("Slide") })
      .refine((w) => w.slide <= w.size, { path: ["slide"], message: "Slide must not be larger than the window size" }),
    z.object({ type: z.literal("session"), gap: positiveMillis("Session gap") }),
  ],
  { error: "Window type must be 'tumbling', 'hopping' or 'session'" },
);

export const emitModes = ["update", "commit"] as const;
export type EmitMode = (typeof emitModes)[number];

export const reduceData = z
  .object({
    label,
    groupBy: z.array(fieldPath).max(20, "Group by at most 20 fields"),
    aggregations: z
      .array(aggregationSchema)
      .min(1, "Add at least one aggregation")
      .max(50, "At most 50 aggregations")
      .superRefine(rejectDuplicates((aggregation) => aggregation.as, "as", "Aggregate name")),
    window: windowSchema.optional(),
    /** How long after a window's end records may still arrive and count (event time, ms). */
    allowedLateness: lateness,
    /**
     * Without a window: `update` (the default) emits a key's aggregate on every
     * input; `commit` emits each changed key's latest aggregate once per commit
     * (Kafka Streams' record cache). Windows emit once when they close either way.
     */
    emit: z.enum(emitModes, { error: "Emit must be 'update' or 'commit'" }).optional(),
  })
  .superRefine((reduce, ctx) => {
    if (reduce.window && reduce.emit === "commit") {
      ctx.addIssue({ code: "custom", path: ["emit"], message: "Emit once per commit applies to a reduce without a window (a window is emitted once, when it closes)" });
    }
    const groupNames = new Set(reduce.groupBy.map((path) => path.split(".").at(-1)));
    reduce.aggregations.forEach((aggregation, index) => {
      if (groupNames.has(aggregation.as)) {
        ctx.addIssue({
          code: "custom",
          path: ["aggregations", index, "as"],
          message: `'${aggregation.as}' is already a group-by field`,
        });
      }
    });
  });

export type ReduceData = z.infer<typeof reduceData>;
export type WindowSpec = z.infer<typeof windowSchema>;
export type Aggregation = z.infer<typeof aggregationSchema>;

/** Keyed, optionally windowed aggregation. */
export const reduceDescription: OperatorDescription<ReduceData, "reduce"> = {
  type: "reduce",
  label: "Reduce",
  category: "aggregate",
  hint: "Keyed, optionally windowed aggregation",
  icon: "sigma",
  inputs: { kind: "single" },
  outputs: { kind: "single" },
  schema: reduceData,
  defaults: () => ({ groupBy: [], aggregations: [{ fn: "count", as: "count" }] }),
  summarize: (data) => {
    const aggregates = data.aggregations
      .map((aggregation) => (aggregation.fn === "count" ? "count" : `${aggregation.fn}(${aggregation.field ?? "?"})`))
      .join(", ");
    const by = data.groupBy.length ? ` by ${data.groupBy.join(", ")}` : "";
    const window = data.window ? ` · ${data.window.type} ${formatMillis(data.window.type === "session" ? data.window.gap : data.window.size)}` : "";
    const emit = data.emit === "commit" ? " · once per commit" : "";
    return `${aggregates || "no aggregates"}${by}${window}${emit}`;
  },
  form: [
    { kind: "list", key: "groupBy", label: "Group by", placeholder: "country, city", hint: "Comma-separated fields. Leave empty to aggregate all records together." },
    { kind: "aggregations", key: "aggregations", label: "Aggregations", functions: aggregateFunctions },
    { kind: "window", key: "window", label: "Window" },
    {
      kind: "select",
      key: "emit",
      label: "Emit",
      options: [
        { value: "update", label: "Every update" },
        { value: "commit", label: "Latest per key, once per commit" },
      ],
      absent: "update",
      hint: "Once per commit writes far fewer records when keys repeat (Kafka Streams' record cache); the latest value per key is the same.",
      when: (data) => !data.window,
    },
  ],
  outputType: ({ data, input }) => {
    const fields: Record<string, Type> = {};
    for (const path of data.groupBy) fields[path.split(".").at(-1)!] = fieldType(input, path);
    for (const aggregation of data.aggregations) {
      fields[aggregation.as] = aggregation.fn === "count" ? T.bigint : aggregation.fn === "avg" ? T.double : aggregation.field ? fieldType(input, aggregation.field) : T.any;
    }
    if (data.window) Object.assign(fields, { window_start: T.bigint, window_end: T.bigint });
    return T.row(fields);
  },
};
