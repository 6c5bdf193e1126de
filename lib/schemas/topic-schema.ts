import { z } from "zod";

/**
 * The schema-sampling API (`POST /api/schema-samples`): what the editor asks
 * for (a source's topic, format and connection) and the schema inferred from
 * the topic's latest records, shared by the route, the server function and the
 * browser's client. Types travel as their Flink SQL spelling (`BIGINT`,
 * ``ROW<`a` INT>``); the browser parses them back with the engine's parser.
 */

export const sampleSchemaBody = z.strictObject({
  topic: z
    .string({ error: "Topic must be a string" })
    .trim()
    .min(1, "Topic is required")
    .max(249, "Topic names are at most 249 characters")
    .regex(/^[a-zA-Z0-9._-]+$/, "Topic names may contain only letters, digits, '.', '_' and '-'"),
  format: z.enum(["json", "text", "avro", "protobuf", "json-schema"], { error: "Format must be 'json', 'text', 'avro', 'protobuf' or 'json-schema'" }),
  /** A stored Kafka connection's id; absent: the server's own cluster. */
  connection: z.string({ error: "Connection must be the id of a stored Kafka connection" }).max(100, "Connection ids are at most 100 characters").optional(),
  /** Records read from the end of each partition (default 100). */
  perPartition: z.number({ error: "perPartition must be a number" }).int("perPartition must be a whole number").min(1, "perPartition must be at least 1").max(500, "perPartition must be at most 500").optional(),
});
export type SampleSchemaBody = z.infer<typeof sampleSchemaBody>;

export type SampledFieldView = {
  name: string;
  path: string;
  /** The inferred type in Flink SQL spelling, pinnable as is: ANY for mixed kinds and for a field seen only as null. */
  type: string;
  kinds: Record<string, number>;
  mixed: boolean;
  nullable: boolean;
  presence: number;
  examples: unknown[];
  distinct: number;
  distinctCapped: boolean;
  fields?: SampledFieldView[];
  element?: SampledFieldView;
};

const sampledField: z.ZodType<SampledFieldView> = z.lazy(() =>
  z.object({
    name: z.string(),
    path: z.string(),
    type: z.string(),
    kinds: z.record(z.string(), z.number()),
    mixed: z.boolean(),
    nullable: z.boolean(),
    presence: z.number(),
    examples: z.array(z.unknown()),
    distinct: z.number(),
    distinctCapped: z.boolean(),
    fields: z.array(sampledField).optional(),
    element: sampledField.optional(),
  }),
);

const keyCandidate = z.object({ field: z.string(), type: z.string(), distinct: z.number(), presence: z.number(), reason: z.string() });

export const sampledSchema = z.object({
  topic: z.string(),
  format: z.string(),
  /** Records read. */
  sampled: z.number(),
  /** Records that were not JSON objects, and records that did not decode. */
  notObjects: z.number(),
  undecodable: z.number(),
  fields: z.array(sampledField),
  suggestions: z.object({
    groupKeys: z.array(keyCandidate),
    identityKeys: z.array(keyCandidate),
    eventTime: z.array(z.object({ field: z.string(), format: z.enum(["epoch-millis", "iso-8601"]), monotonic: z.number(), reason: z.string() })),
    values: z.record(z.string(), z.object({ type: z.string(), values: z.array(z.string()) })),
  }),
  sampledAt: z.string(),
});
export type SampledSchemaView = z.infer<typeof sampledSchema>;

export const sampleSchemaResponse = z.object({ schema: sampledSchema });
