import { z } from "zod";

/** Where a deploy's sources start (replay); shared by the deploy body and the offsets reset. See docs/engine.md "Replay". */

const kafkaTopic = z.string({ error: "Topic must be a string" }).regex(/^[a-zA-Z0-9._-]{1,249}$/, "Topic must be a Kafka topic name (letters, digits, '.', '_', '-')");

const timestampMessage = "Timestamp must be an ISO 8601 date-time such as 2026-12-02T10:32:00Z, or milliseconds since the epoch";

/** An ISO 8601 date-time, or milliseconds since the epoch; becomes milliseconds. */
export const timestamp = z.union([z.number(), z.string()], { error: timestampMessage }).transform((value, ctx) => {
  const ms = typeof value === "number" ? value : /^\d{4}-\d{2}-\d{2}/.test(value) ? Date.parse(value) : Number.NaN;
  if (!Number.isInteger(ms) || ms < 0) {
    ctx.addIssue({ code: "custom", message: timestampMessage });
    return z.NEVER;
  }
  return ms;
});

/** Where the sources start reading: see engine/runners/start-position.ts. */
export const startAt = z.discriminatedUnion(
  "from",
  [
    z.strictObject({ from: z.literal("earliest") }),
    z.strictObject({ from: z.literal("latest") }),
    z.strictObject({ from: z.literal("timestamp"), timestamp }),
    z.strictObject({
      from: z.literal("offsets"),
      offsets: z
        .array(
          z.strictObject({
            topic: kafkaTopic,
            partition: z.number({ error: "Partition must be a number" }).int().nonnegative().max(100_000),
            offset: z.union([z.number().int().nonnegative(), z.string().regex(/^\d{1,19}$/, "Offset must be a whole number")]).transform(String),
          }),
        )
        .min(1, "List at least one partition's offset")
        .max(10_000),
    }),
  ],
  { error: "startAt.from must be 'earliest', 'latest', 'timestamp' or 'offsets'" },
);

export type StartAtBody = z.infer<typeof startAt>;
