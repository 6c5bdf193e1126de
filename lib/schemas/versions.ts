import { z } from "zod";
import { pipelineDescription, pipelineDetail, pipelineDocument, pipelineName } from "./pipelines";
import { startAt } from "./start-at";

export { startAt, timestamp, type StartAtBody } from "./start-at";

/**
 * Request bodies for versions, deploy plans and replay. Shared by the route
 * handlers, the browser and the CLI. See docs/api.md ("Versions", "Deploy
 * plans", "Replay").
 */



export const restoreVersionBody = z.strictObject({
  /** Added after "Restored from version N". */
  message: z.string({ error: "Message must be a string" }).trim().max(400, "Version messages are at most 400 characters").optional(),
});

export type RestoreVersionBody = z.infer<typeof restoreVersionBody>;

/** Moves a stopped pipeline's consumer offsets; the next deploy continues from there. */
export const resetOffsetsBody = z.strictObject({ startAt });

export type ResetOffsetsBody = z.infer<typeof resetOffsetsBody>;

/** The marker of an exported pipeline file (see docs/pipeline-format.md "Exported pipelines"). */
export const pipelineFileKind = "streamline-pipeline";

/**
 * Import (apply) a pipeline file: create the pipeline, or save a new version
 * of the one with this name when something changed. `dryRun` answers what
 * would change without changing anything.
 */
export const importPipelineBody = z.strictObject({
  kind: z.literal(pipelineFileKind, { error: `kind must be '${pipelineFileKind}'` }).optional(),
  name: pipelineName,
  description: pipelineDescription.optional(),
  graph: z.unknown().refine((value) => value !== undefined, "Graph is required"),
  message: z.string({ error: "Message must be a string" }).trim().max(500, "Version messages are at most 500 characters").optional(),
  dryRun: z.boolean({ error: "dryRun must be true or false" }).optional(),
});

export type ImportPipelineBody = z.infer<typeof importPipelineBody>;

// ─── Answers ──────────────────────────────────────────────────────────────────

/** `GET /api/pipelines/:id/export`: a pipeline file. */
export const pipelineFile = z.object({ kind: z.literal(pipelineFileKind), name: z.string(), description: z.string(), graph: pipelineDocument });

const diffNode = z.object({ id: z.string(), type: z.string() }).passthrough();
const diffEdge = z.object({ id: z.string(), source: z.string(), target: z.string() }).passthrough();

/** What changed between two documents, node by node (engine/graph/diff-documents.ts). */
export const documentDiff = z.object({
  unchanged: z.boolean(),
  nodes: z.object({
    added: z.array(diffNode),
    removed: z.array(diffNode),
    changed: z.array(z.object({ nodeId: z.string(), type: z.string(), fields: z.array(z.object({ field: z.string(), before: z.unknown(), after: z.unknown() })) })),
    moved: z.array(z.string()),
  }),
  edges: z.object({ added: z.array(diffEdge), removed: z.array(diffEdge) }),
});

/** `POST /api/pipelines/import`: what the import did (or would do, for a dry run). */
export const importResponse = z.object({
  action: z.enum(["create", "update", "none"]),
  diff: documentDiff,
  description: z.object({ before: z.string(), after: z.string() }).nullable(),
  pipeline: pipelineDetail.nullable(),
});

export type PipelineFileView = z.infer<typeof pipelineFile>;
export type ImportResponse = z.infer<typeof importResponse>;
export type DocumentDiffView = z.infer<typeof documentDiff>;
