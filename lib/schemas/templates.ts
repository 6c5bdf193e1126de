import { z } from "zod";
import { topicNameSchema } from "./topics";

/**
 * The templates API: loading a template's sample data. Shared by the route
 * handler, the server function and the browser's client.
 */

/** `POST /api/templates/:id/sample-data`: topic names by the template's roles (absent or blank: the default); `seed` varies the records. */
export const sampleDataBody = z
  .object({
    topics: z.record(z.string().max(64), z.union([topicNameSchema, z.literal("")])).default({}),
    seed: z.number().int().min(0).max(2 ** 31 - 1).optional(),
  })
  .strict();

export type SampleDataInput = z.input<typeof sampleDataBody>;

/** What was written: per input topic, whether it was created and how many records it got. */
export const sampleDataResponse = z.object({
  topics: z.array(z.object({ topic: z.string(), created: z.boolean(), records: z.number().int() })),
});

export type SampleDataResult = z.infer<typeof sampleDataResponse>;
