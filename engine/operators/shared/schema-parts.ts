import { z } from "zod";

/*
 * Pieces of node `data` schemas that several operators share: topic and field
 * names, expressions, durations. Each operator's own schema (its `data.ts`)
 * is built from these, so one rule is written once.
 */

const MAX_EXPRESSION_LENGTH = 4_000;

/** Kafka's own rule for topic names (legal characters, at most 249 of them). */
export const topicName = z
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
export const fieldPath = z
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

/** The node's title on the canvas; every node type has one. */
export const label = z.string().trim().max(80, "Titles are at most 80 characters").optional();

/** A positive duration in milliseconds, at most a year. */
export const positiveMillis = (what: string) =>
  z
    .number({ error: `${what} must be a number of milliseconds` })
    .int(`${what} must be a whole number of milliseconds`)
    .positive(`${what} must be greater than 0`)
    .max(366 * 24 * 3600 * 1000, `${what} must be at most a year`);

/** How long after a bound records may still arrive and count (event time, ms). */
export const lateness = z
  .number({ error: "Allowed lateness must be a number of milliseconds" })
  .int("Allowed lateness must be a whole number of milliseconds")
  .min(0, "Allowed lateness cannot be negative")
  .max(7 * 24 * 3600 * 1000, "Allowed lateness must be at most a week")
  .optional();

/** The stored Kafka connection (its id) a source or sink uses; absent: the server's own cluster (KAFKA_BROKERS). */
export const connection = z
  .string({ error: "Connection must be the id of a stored Kafka connection" })
  .max(100, "Connection ids are at most 100 characters")
  .optional()
  .or(z.literal("").transform(() => undefined));

/** A refinement that reports the second and later items with the same key, at `<index>.<field>`. */
export function rejectDuplicates<T>(keyOf: (item: T) => string, field: string, what: string) {
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
