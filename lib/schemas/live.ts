import { z } from "zod";
import { sample } from "./pipelines";

/**
 * The live telemetry stream, `GET /api/pipelines/:id/live` (server-sent events):
 * the shapes of its `snapshot`, `metrics` and `samples` events, shared by the
 * server's telemetry hub and the browser, which parses each event with these.
 */

/** One node's numbers at one moment, with rates derived from the totals. */
export const nodeLive = z.object({
  recordsIn: z.number(),
  recordsOut: z.number(),
  errors: z.number(),
  /** Records per second over the last report, and over the last minute. */
  rateIn: z.number(),
  rateOut: z.number(),
  rateIn1m: z.number(),
  rateOut1m: z.number(),
  busy: z.number(),
  latencyP50Ms: z.number().nullable(),
  latencyP99Ms: z.number().nullable(),
  stateKeys: z.number().optional(),
  stateBytes: z.number().optional(),
  /** Event-time nodes (windows, joins): records dead-lettered as late since the runner started. */
  lateRecords: z.number().optional(),
  /** Event-time nodes: the watermark (epoch ms), null before the first; wall clock minus it is the watermark lag. */
  watermark: z.number().nullable().optional(),
});

/** The lag of one partition a source reads: the end offset, the committed offset and the difference. */
export const partitionLag = z.object({ topic: z.string(), partition: z.number(), end: z.string(), committed: z.string().nullable(), lag: z.number() });

/** A pipeline's numbers at one moment: what the canvas, the dashboard and the charts show. */
export const livePoint = z.object({
  at: z.number(),
  deploymentId: z.string(),
  version: z.number(),
  status: z.string(),
  nodes: z.record(z.string(), nodeLive),
  endToEndP50Ms: z.number().nullable(),
  endToEndP99Ms: z.number().nullable(),
  lag: z.array(partitionLag),
  totalLag: z.number(),
  counters: z.object({ recordsIn: z.number(), recordsOut: z.number(), deadLetters: z.number(), batches: z.number() }),
});

/** The latest records in and out of each node. */
export const liveSamples = z.object({
  at: z.number(),
  deploymentId: z.string(),
  nodes: z.record(z.string(), z.object({ in: z.array(sample), out: z.array(sample) })),
});

/** The first event of a stream: the server's history (an hour), the latest samples, and why telemetry is unavailable if it is. */
export const liveSnapshot = z.object({ history: z.array(livePoint), samples: liveSamples.nullable(), telemetryError: z.string().nullable() });

/** `version-saved`: someone saved a new version of the pipeline (an open editor offers to view it, save on top or reload). */
export const versionSaved = z.object({ pipelineId: z.string(), version: z.number().int(), author: z.string() });

export type VersionSaved = z.infer<typeof versionSaved>;
export type NodeLive = z.infer<typeof nodeLive>;
export type LivePoint = z.infer<typeof livePoint>;
export type LiveSamples = z.infer<typeof liveSamples>;
export type LiveSnapshot = z.infer<typeof liveSnapshot>;
