import { z } from "zod";

/**
 * The `data` schema of every node type. These schemas are the single source of
 * truth for what a node's configuration may hold: the editor's forms, the API
 * and the engine all validate against them.
 */

const MAX_EXPRESSION_LENGTH = 4_000;

/** Kafka's own rule for topic names (legal characters, at most 249 of them). */
const topicName = z
  .string()
  .trim()
  .min(1, { message: "Topic is required", abort: true })
  .max(249, "Topic names are at most 249 characters")
  .regex(/^[a-zA-Z0-9._-]+$/, "Topic names may contain only letters, digits, '.', '_' and '-'")
  .refine((name) => name !== "." && name !== "..", "Topic cannot be '.' or '..'");

/** An output field name: something an expression can refer to later without quoting. */
export const fieldName = z
  .string()
  .trim()
  .min(1, { message: "Field name is required", abort: true })
  .max(128, "Field names are at most 128 characters")
  .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, "Field names start with a letter or '_' and contain only letters, digits and '_'");

/** A field reference, possibly nested (`customer.country`). */
const fieldPath = z
  .string()
  .trim()
  .min(1, { message: "Field is required", abort: true })
  .max(256, "Field references are at most 256 characters")
  .regex(
    /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/,
    "Use a field name, or a nested path such as customer.country",
  );

/** An expression in the pipeline expression language; the engine parses and type-checks it. */
export const expression = z
  .string()
  .trim()
  .min(1, "Expression is required")
  .max(MAX_EXPRESSION_LENGTH, `Expressions are at most ${MAX_EXPRESSION_LENGTH} characters`);

const label = z.string().trim().max(80, "Titles are at most 80 characters").optional();

const positiveMillis = (what: string) =>
  z
    .number({ error: `${what} must be a number of milliseconds` })
    .int(`${what} must be a whole number of milliseconds`)
    .positive(`${what} must be greater than 0`)
    .max(366 * 24 * 3600 * 1000, `${what} must be at most a year`);

const lateness = z
  .number({ error: "Allowed lateness must be a number of milliseconds" })
  .int("Allowed lateness must be a whole number of milliseconds")
  .min(0, "Allowed lateness cannot be negative")
  .max(7 * 24 * 3600 * 1000, "Allowed lateness must be at most a week")
  .optional();

/** The stored Kafka connection (its id) a source or sink uses; absent: the server's own cluster (KAFKA_BROKERS). */
const connection = z
  .string({ error: "Connection must be the id of a stored Kafka connection" })
  .max(100, "Connection ids are at most 100 characters")
  .optional()
  .or(z.literal("").transform(() => undefined));

const sourceMillis = (what: string, max: number, maxText: string) =>
  z
    .number({ error: `${what} must be a number of milliseconds` })
    .int(`${what} must be a whole number of milliseconds`)
    .min(0, `${what} cannot be negative`)
    .max(max, `${what} must be at most ${maxText}`)
    .optional();

export const kafkaSourceData = z
  .object({
    label,
    connection,
    topic: topicName,
    /** `avro`, `protobuf`, `json-schema`: the Confluent wire format, decoded with the writer's schema from a Schema Registry. */
    format: z.enum(["json", "text", "avro", "protobuf", "json-schema"], { error: "Format must be 'json', 'text', 'avro', 'protobuf' or 'json-schema'" }),
    startFrom: z.enum(["earliest", "latest"], { error: "Start from must be 'earliest' or 'latest'" }),
    /** Event time from this field of a json record instead of the Kafka record timestamp. */
    timeField: fieldPath.optional().or(z.literal("").transform(() => undefined)),
    /** How the time field is written: epoch milliseconds (default) or an ISO-8601 string. */
    timeFormat: z.enum(["epoch-millis", "iso-8601"], { error: "Time format must be 'epoch-millis' or 'iso-8601'" }).optional(),
    /** Bounded out-of-orderness: how far behind a partition's largest event time its watermark stays (ms, default 0). */
    watermarkDelayMs: sourceMillis("Watermark delay", 7 * 24 * 3600 * 1000, "a week"),
    /** After this long without a record, a caught-up partition stops holding the watermark back (ms, default 5000; 0 = never). */
    idleTimeoutMs: sourceMillis("Idle timeout", 24 * 3600 * 1000, "a day"),
  })
  .superRefine((source, ctx) => {
    if (source.timeField && source.format === "text") {
      ctx.addIssue({ code: "custom", path: ["timeField"], message: "A text source has no fields; event time from a field needs the json format" });
    }
    if (source.timeFormat && !source.timeField) {
      ctx.addIssue({ code: "custom", path: ["timeFormat"], message: "Time format applies only with a time field" });
    }
  });

export const filterData = z.object({
  label,
  condition: expression,
});

export const mapFieldSchema = z.object({ name: fieldName, expression });

export const mapData = z.object({
  label,
  fields: z
    .array(mapFieldSchema)
    .min(1, "Add at least one output field")
    .max(200, "At most 200 output fields")
    .superRefine(rejectDuplicates((field) => field.name, "name", "Output field")),
});

export const flatMapData = z.object({
  label,
  expression,
  as: fieldName,
});

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
  })
  .superRefine((reduce, ctx) => {
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

export const joinData = z.object({
  label,
  leftKey: fieldPath,
  rightKey: fieldPath,
  type: z.enum(["inner", "left"], { error: "Join type must be 'inner' or 'left'" }),
  within: positiveMillis("Join window"),
  /** How long after the join bound records may still arrive and match (event time, ms). */
  allowedLateness: lateness,
});

export const kafkaSinkData = z.object({
  label,
  connection,
  topic: topicName,
  /** `avro`: encoded with a schema derived from the input's types, registered under `<topic>-value`. */
  format: z.enum(["json", "avro"], { error: "Sink format must be 'json' or 'avro'" }),
  key: fieldPath.optional().or(z.literal("").transform(() => undefined)),
});

export type KafkaSourceData = z.infer<typeof kafkaSourceData>;
export type FilterData = z.infer<typeof filterData>;
export type MapData = z.infer<typeof mapData>;
export type FlatMapData = z.infer<typeof flatMapData>;
export type ReduceData = z.infer<typeof reduceData>;
export type JoinData = z.infer<typeof joinData>;
export type KafkaSinkData = z.infer<typeof kafkaSinkData>;
export type WindowSpec = z.infer<typeof windowSchema>;
export type Aggregation = z.infer<typeof aggregationSchema>;

function rejectDuplicates<T>(keyOf: (item: T) => string, field: string, what: string) {
  return (items: T[], ctx: z.RefinementCtx) => {
    const seen = new Set<string>();
    items.forEach((item, index) => {
      const key = keyOf(item);
      if (seen.has(key)) {
        ctx.addIssue({ code: "custom", path: [index, field], message: `${what} '${key}' is used twice` });
      }
      seen.add(key);
    });
  };
}
