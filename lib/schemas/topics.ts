import { z } from "zod";

/**
 * The topics API (the topic browser): request bodies, query parameters and
 * answers, shared by the route handlers, the server functions and the
 * browser's client, which parses every answer (and every line of a search
 * stream) with these.
 */

/** Kafka's own rule for topic names: 1–249 of `[a-zA-Z0-9._-]`, not `.` or `..`. */
export const topicNameSchema = z
  .string({ error: "A topic name must be a string" })
  .min(1, "A topic name is required")
  .max(249, "Topic names are at most 249 characters")
  .regex(/^[a-zA-Z0-9._-]+$/, "A topic name may contain only letters, digits, '.', '_' and '-'")
  .refine((name) => name !== "." && name !== "..", "A topic cannot be named '.' or '..'");

/** `?connection=<id>`: a stored Kafka connection; absent: the server's own cluster. */
export const connectionQuery = z.string().min(1).max(100).optional();

/** How keys and values are shown: `auto` reads JSON when it parses, text when it is UTF-8, bytes otherwise. */
export const topicFormats = ["auto", "json", "text"] as const;
export type TopicFormat = (typeof topicFormats)[number];

/** A pipeline that reads (source) or writes (sink) a topic, from its newest saved version. */
export const topicUser = z.object({ pipelineId: z.string(), pipelineName: z.string(), role: z.enum(["source", "sink"]), nodeId: z.string() });

/** One row of the topic list. Offsets are decimal strings (Kafka offsets are 64-bit). */
export const topicSummary = z.object({
  name: z.string(),
  partitions: z.number().int(),
  replicationFactor: z.number().int(),
  /** End − start offsets summed over partitions: records held, counting transaction markers and compacted gaps. */
  messages: z.string(),
  /** `retention.ms`; null when unlimited (-1). */
  retentionMs: z.number().nullable(),
  users: z.array(topicUser),
  /**
   * Listed, but its metadata or offsets could not be read (e.g. deleted or being deleted since the
   * listing): the cluster's reason. Partitions, replication and messages are then 0, not measured.
   */
  unreadable: z.string().optional(),
});

/** `GET /api/topics?q=&connection=`: topics whose name contains `q`, internal ones (`__…`) left out. */
export const topicListResponse = z.object({
  topics: z.array(topicSummary),
  /** More topics matched than the answer holds (`limit`): narrow the filter. */
  truncated: z.boolean(),
});

export const partitionView = z.object({
  partition: z.number().int(),
  leader: z.number().int(),
  replicas: z.array(z.number().int()),
  isr: z.array(z.number().int()),
  /** The log start offset (earliest readable). */
  start: z.string(),
  /** The high-water mark (next offset to be written). */
  end: z.string(),
  messages: z.string(),
});

/** `GET /api/topics/:name`: the topic with its partitions and configuration. */
export const topicDetailResponse = z.object({
  topic: topicSummary.extend({
    partitionList: z.array(partitionView),
    cleanupPolicy: z.string(),
    /** How records are decoded for display and filters (auto: JSON when it parses, else text, else bytes). */
    format: z.enum(topicFormats),
  }),
});

/** A key, value or header decoded for display; `raw` is the bytes as base64 (at most 64 KiB shown). */
export const decodedBytes = z.object({
  /** What `value` holds: parsed JSON, UTF-8 text, undecodable bytes (then only `raw`), or nothing (null). */
  kind: z.enum(["json", "text", "binary", "null"]),
  value: z.unknown(),
  raw: z.string().nullable(),
  /** Size in bytes. */
  size: z.number().int(),
  /** The shown bytes were cut at 64 KiB. */
  truncated: z.boolean().optional(),
});

export const topicMessage = z.object({
  partition: z.number().int(),
  offset: z.string(),
  timestamp: z.number(),
  key: decodedBytes,
  value: decodedBytes,
  headers: z.record(z.string(), z.string()),
});
export type TopicMessage = z.infer<typeof topicMessage>;

/** `GET /api/topics/:name/messages?limit=&format=`: the latest records, newest last. */
export const tailResponse = z.object({ messages: z.array(topicMessage) });

export const tailQuery = z.object({
  limit: z.coerce.number({ error: "limit must be a number" }).int("limit must be a whole number").min(1, "limit must be at least 1").max(500, "limit is at most 500").default(50),
  format: z.enum(topicFormats, { error: "format must be auto, json or text" }).default("auto"),
  connection: connectionQuery,
});

const offsetText = z.string().regex(/^\d{1,19}$/, "An offset is a whole number such as 1200");

/** Where a search resumes: the next offset to read, per partition (the `cursor` of the previous search's end). */
export const searchCursor = z.array(z.strictObject({ partition: z.number().int().min(0), offset: offsetText })).max(10_000);

/**
 * `POST /api/topics/:name/search`: scan records in offset order, keep those the
 * filter (an expression, see docs/expressions.md) is true for. The scan ends at
 * the range's end or a bound, whichever comes first; its answer says which.
 */
export const searchBody = z
  .strictObject({
    /** An expression over the record: its value's fields, and `key`, `value`, `headers`, `partition`, `offset`, `timestamp`. Empty: every record. */
    filter: z.string({ error: "filter must be a string" }).max(4000, "A filter is at most 4000 characters").default(""),
    /** Only this partition. */
    partition: z.number({ error: "partition must be a number" }).int().min(0).optional(),
    /** Offsets from `fromOffset` (inclusive) to `toOffset` (inclusive), in every partition searched. */
    fromOffset: offsetText.optional(),
    toOffset: offsetText.optional(),
    /** Records with a timestamp in [from, to] (epoch milliseconds). */
    fromTime: z.number({ error: "fromTime must be epoch milliseconds" }).int().min(0).optional(),
    toTime: z.number({ error: "toTime must be epoch milliseconds" }).int().min(0).optional(),
    /** Continue a previous search from here (overrides the start of the range). */
    cursor: searchCursor.optional(),
    /** Bounds of one scan: records read, seconds, and matches returned. */
    maxRecords: z.number({ error: "maxRecords must be a number" }).int().min(1).max(5_000_000).default(200_000),
    maxSeconds: z.number({ error: "maxSeconds must be a number" }).min(0.1).max(120).default(20),
    maxMatches: z.number({ error: "maxMatches must be a number" }).int().min(1).max(1000).default(100),
    format: z.enum(topicFormats, { error: "format must be auto, json or text" }).default("auto"),
  })
  // Guarded: a refinement may see fields that failed their own checks.
  .refine((body) => !isOffset(body.fromOffset) || !isOffset(body.toOffset) || BigInt(body.fromOffset) <= BigInt(body.toOffset), { path: ["toOffset"], message: "toOffset must not be before fromOffset" })
  .refine((body) => typeof body.fromTime !== "number" || typeof body.toTime !== "number" || body.fromTime <= body.toTime, { path: ["toTime"], message: "toTime must not be before fromTime" });

function isOffset(value: unknown): value is string {
  return typeof value === "string" && /^\d{1,19}$/.test(value);
}
export type SearchBody = z.input<typeof searchBody>;

export const searchProgress = z.object({
  scanned: z.number().int(),
  matched: z.number().int(),
  elapsedMs: z.number(),
  /** Records left in the range when the scan started (an upper bound: markers and gaps count). */
  total: z.number().int(),
});

/** Why a search stopped: the range was read to its end, or a bound / the client stopped it (then `cursor` continues it). */
export const searchEndReason = z.enum(["end", "records", "time", "matches", "cancelled"]);

/** One line of the search stream (NDJSON): progress, a matching record, or the end. */
export const searchEvent = z.discriminatedUnion("type", [
  z.object({ type: z.literal("progress"), progress: searchProgress }),
  z.object({ type: z.literal("match"), message: topicMessage }),
  z.object({
    type: z.literal("end"),
    reason: searchEndReason,
    progress: searchProgress,
    /** Per partition, the next offset to read; send it back as `cursor` to continue. */
    cursor: searchCursor,
    /** Records the filter could not be evaluated on (e.g. a value that is not JSON), counted as not matching. */
    errors: z.number().int(),
    firstError: z.string().optional(),
  }),
  /** The scan failed after the stream opened (Kafka went away); the last line. */
  z.object({ type: z.literal("error"), message: z.string() }),
]);
export type SearchEvent = z.infer<typeof searchEvent>;

/** `POST /api/topics`: create a topic (editor). */
export const createTopicBody = z.strictObject({
  name: topicNameSchema,
  partitions: z.number({ error: "partitions must be a number" }).int("partitions must be a whole number").min(1, "A topic needs at least 1 partition").max(1000, "At most 1000 partitions").default(1),
  /** `retention.ms`; omitted: the broker's default; -1: keep forever. */
  retentionMs: z.number({ error: "retentionMs must be a number" }).int().min(-1).max(10 * 365 * 24 * 3600 * 1000).optional(),
});
export type CreateTopicInput = z.input<typeof createTopicBody>;

/** `POST /api/topics/:name/messages`: produce one test message (editor). A JSON value is sent as its JSON text. */
export const produceBody = z.strictObject({
  key: z.string().max(64 * 1024, "A key is at most 64 KiB").nullable().default(null),
  value: z.unknown().refine((value) => value !== undefined, "A value is required (JSON, or a string for a text message)"),
  /** `json`: send `value` as JSON text; `text`: `value` must be a string, sent as is. */
  as: z.enum(["json", "text"]).default("json"),
  headers: z.record(z.string().max(256), z.string().max(16 * 1024)).default({}),
  partition: z.number().int().min(0).optional(),
});
export type ProduceInput = z.input<typeof produceBody>;

export const produceResponse = z.object({ partition: z.number().int(), offset: z.string() });
export const createTopicResponse = z.object({ topic: topicSummary });

/** `GET /api/topics?view=names`: every topic name with its partition count, for the editor's topic fields. */
export const topicNamesResponse = z.object({
  topics: z.array(z.object({ name: z.string(), partitions: z.number().int() })),
  /** The broker's `num.partitions`: what a sink's missing topic is created with; null when the broker does not say. */
  defaultPartitions: z.number().int().nullable(),
});

/** `GET /api/topics` query: `q` filters names (substring, any case); `view=names` answers only names and partition counts. */
export const topicListQuery = z.object({
  q: z.string().max(249, "q is at most 249 characters").default(""),
  view: z.enum(["full", "names"], { error: "view must be full or names" }).default("full"),
  connection: connectionQuery,
});
