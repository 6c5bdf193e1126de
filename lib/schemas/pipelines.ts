import { z } from "zod";
import type { PipelineDocument, PipelineProblem } from "@/engine/graph";
import type { Sample } from "@/engine/runtime/pipeline-metrics";

/**
 * The pipelines API (pipelines, their versions and previews): request bodies and
 * answers, shared by the route handlers, the server functions that shape the
 * answers and the browser's client, which parses every answer with these. The
 * graph itself is checked by `validatePipeline` from the engine, which names the
 * node or edge at fault; here it is typed, not re-checked.
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

export const previewPipelineBody = z.strictObject({
  /** The draft to preview; the latest saved version when omitted. */
  graph: z.unknown().optional(),
  /** How many of the latest records of each source topic to run through the graph. */
  perSource: z.number({ error: "perSource must be a number" }).int().min(1).max(500).optional(),
});

export type PreviewPipelineBody = z.infer<typeof previewPipelineBody>;

// ─── Answers ──────────────────────────────────────────────────────────────────

/** A pipeline document as stored; the server validated it on save, so it is typed, not re-checked. */
export const pipelineDocument = z.custom<PipelineDocument>((value) => typeof value === "object" && value !== null, "Expected a pipeline document");

/** One problem `validatePipeline` reports; its fields are described in docs/pipeline-format.md. */
export const pipelineProblem = z.custom<PipelineProblem>(
  (value) => typeof value === "object" && value !== null && typeof (value as { message?: unknown }).message === "string",
  "Expected a pipeline problem",
);

/** A row of `GET /api/pipelines`. Times are ISO 8601 UTC. */
export const pipelineSummary = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** The latest version number. */
  version: z.number(),
  nodeCount: z.number(),
});

/** A pipeline with its latest saved graph, as the single-pipeline endpoints answer. */
export const pipelineDetail = pipelineSummary.extend({
  graph: pipelineDocument,
  /** What was wrong with the latest version when it was saved; empty when it is deployable. */
  problems: z.array(pipelineProblem),
});

/** A row of `GET /api/pipelines/:id/versions`. */
export const versionSummary = z.object({
  version: z.number(),
  message: z.string(),
  /** E-mail of whoever saved it; "" for versions saved before authors were recorded. */
  author: z.string(),
  createdAt: z.string(),
  nodeCount: z.number(),
  /** Set on the version the pipeline's current deployment runs (desired state running), null on every other. */
  deployed: z.object({ deploymentId: z.string(), status: z.string(), runtime: z.string(), since: z.string() }).nullable(),
});

/** `GET /api/pipelines/:id/versions/:n`: one version with its graph. */
export const versionDetail = z.object({ version: z.number(), message: z.string(), author: z.string(), createdAt: z.string(), graph: pipelineDocument });

/** A record sampled in or out of a node, as the engine's metrics keep it. */
export const sample = z.custom<Sample>((value) => typeof value === "object" && value !== null && "fields" in value, "Expected a record sample");

/** What `POST /api/pipelines/:id/preview` ran: records in and out of each node, and the records that failed. */
export const previewResult = z.object({
  durationMs: z.number(),
  /** `missing`: the topic does not exist on the cluster (the source read nothing, and a deploy would create it empty). */
  sources: z.array(z.object({ nodeId: z.string(), topic: z.string(), records: z.number(), missing: z.boolean().optional() })),
  nodes: z.record(z.string(), z.object({ recordsIn: z.number(), recordsOut: z.number(), errors: z.number(), in: z.array(sample), out: z.array(sample) })),
  deadLetters: z.array(
    z.object({
      nodeId: z.string(),
      code: z.string(),
      detail: z.string().optional(),
      message: z.string(),
      origin: z.object({ topic: z.string(), partition: z.number(), offset: z.string() }),
    }),
  ),
});

export const pipelineListResponse = z.object({ pipelines: z.array(pipelineSummary) });
export const pipelineResponse = z.object({ pipeline: pipelineDetail });
export const versionListResponse = z.object({ versions: z.array(versionSummary) });
export const versionResponse = z.object({ version: versionDetail });
export const previewResponse = z.object({ preview: previewResult });

export type PipelineSummary = z.infer<typeof pipelineSummary>;
export type PipelineDetail = z.infer<typeof pipelineDetail>;
export type VersionSummary = z.infer<typeof versionSummary>;
export type VersionDetail = z.infer<typeof versionDetail>;
export type PreviewResult = z.infer<typeof previewResult>;
