import { z } from "zod";
import { startAt } from "./start-at";

/**
 * Request bodies of the pipelines API. Shared by the route handlers and the
 * browser's forms so both enforce the same rules. The graph itself is checked
 * by `validatePipeline` from the engine, which names the node or edge at fault.
 */

const noControlCharacters = (value: string) => !/[\u0000-\u001f\u007f]/.test(value);

export const pipelineName = z
  .string({ error: "Name must be a string" })
  .trim()
  .min(1, "Name is required")
  .max(100, "Names are at most 100 characters")
  .refine(noControlCharacters, "Names cannot contain control characters such as line breaks");

export const pipelineDescription = z.string({ error: "Description must be a string" }).trim().max(2000, "Descriptions are at most 2000 characters");

const versionMessage = z.string({ error: "Message must be a string" }).trim().max(500, "Version messages are at most 500 characters");

const graph = z.unknown().refine((value) => value !== undefined, "Graph is required");

/** `true` keeps a graph that still has problems (not structural ones) as a draft instead of refusing it. */
const draft = z.boolean({ error: "Draft must be true or false" }).optional();

export const createPipelineBody = z.strictObject({
  name: pipelineName,
  description: pipelineDescription.optional(),
  graph,
  message: versionMessage.optional(),
  draft,
});

export const savePipelineBody = z.strictObject({
  graph,
  message: versionMessage.optional(),
  draft,
  name: pipelineName.optional(),
  description: pipelineDescription.optional(),
  /** The version the edit started from; when set and no longer the latest, the save is refused with 409. */
  baseVersion: z.number().int().positive().optional(),
});

export const updatePipelineBody = z
  .strictObject({ name: pipelineName.optional(), description: pipelineDescription.optional() })
  .refine((body) => body.name !== undefined || body.description !== undefined, "Send a name or a description to change");

export type CreatePipelineBody = z.infer<typeof createPipelineBody>;
export type SavePipelineBody = z.infer<typeof savePipelineBody>;
export type UpdatePipelineBody = z.infer<typeof updatePipelineBody>;

export const deployPipelineBody = z.strictObject({
  /** Where to run: the embedded engine (default) or the Flink cluster (the graph compiled to Flink SQL). */
  runtime: z.enum(["embedded", "flink"], { error: "Runtime must be 'embedded' or 'flink'" }).optional(),
  guarantee: z.enum(["exactly-once", "at-least-once"], { error: "Guarantee must be 'exactly-once' or 'at-least-once'" }).optional(),
  /** Start over: new consumer offsets and empty operator state instead of continuing the last deployment's. */
  reset: z.boolean({ error: "Reset must be true or false" }).optional(),
  deadLetterTopic: z
    .string()
    .trim()
    .regex(/^[a-zA-Z0-9._-]{1,249}$/, "Dead-letter topic must be a Kafka topic name (letters, digits, '.', '_', '-')")
    .optional(),
  /** The saved version to deploy; the latest when omitted. */
  version: z.number({ error: "Version must be a number" }).int().positive("Version must be a positive whole number").optional(),
  /** `true`: answer the deploy plan (what happens to each node's state and where each source resumes) without deploying. */
  dryRun: z.boolean({ error: "dryRun must be true or false" }).optional(),
  /** Replay: where the sources start instead of where the last deployment stopped (see docs/engine.md "Replay"). */
  startAt: startAt.optional(),
});

export type DeployPipelineBody = z.infer<typeof deployPipelineBody>;

export const previewPipelineBody = z.strictObject({
  /** The draft to preview; the latest saved version when omitted. */
  graph: z.unknown().optional(),
  /** How many of the latest records of each source topic to run through the graph. */
  perSource: z.number({ error: "perSource must be a number" }).int().min(1).max(500).optional(),
});

export type PreviewPipelineBody = z.infer<typeof previewPipelineBody>;
