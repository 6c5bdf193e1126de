import "server-only";
import { diffDocuments, type DocumentDiff, type PipelineDocument } from "@/engine/graph";
import type { ImportPipelineBody } from "@/lib/schemas/versions";
import { getDb } from "../db/prisma";
import { acceptGraph } from "./accept-graph";
import { createPipeline } from "./create-pipeline";
import { getPipeline } from "./get-pipeline";
import type { PipelineDetail } from "./pipeline-views";
import { savePipelineVersion } from "./save-pipeline-version";
import { updatePipeline } from "./update-pipeline";
import type { VersionAuthor } from "./version-author";

/** What an import did (or, for a dry run, would do). */
export type ImportResult = {
  action: "create" | "update" | "none";
  /** The graph's changes against the latest version (everything added for a new pipeline). */
  diff: DocumentDiff;
  description: { before: string; after: string } | null;
  /** The pipeline after the import; null for a dry run that would create it. */
  pipeline: PipelineDetail | null;
};

/**
 * Creates or updates a pipeline by name from a pipeline file (apply).
 * Idempotent: a file equal to the latest version (graph and description)
 * creates no version. An invalid graph is refused with its problems, each
 * naming its node (422), and nothing changes.
 */
export async function importPipeline(body: ImportPipelineBody, author?: VersionAuthor): Promise<ImportResult> {
  const { document } = acceptGraph(body.graph);
  const db = await getDb();
  const existing = await db.pipeline.findUnique({ where: { name: body.name } });
  if (!existing) {
    const diff = diffDocuments(null, document);
    if (body.dryRun) return { action: "create", diff, description: null, pipeline: null };
    const pipeline = await createPipeline({ name: body.name, description: body.description, graph: document, message: body.message ?? "Imported" }, author);
    return { action: "create", diff, description: null, pipeline };
  }
  const latest = await db.pipelineVersion.findUnique({ where: { pipelineId_version: { pipelineId: existing.id, version: existing.latestVersion } } });
  const diff = diffDocuments(latest ? (JSON.parse(latest.graph) as PipelineDocument) : null, document);
  const description = body.description !== undefined && body.description !== existing.description ? { before: existing.description, after: body.description } : null;
  if (diff.unchanged && !description) return { action: "none", diff, description, pipeline: body.dryRun ? null : await getPipeline(existing.id) };
  if (body.dryRun) return { action: "update", diff, description, pipeline: null };
  const pipeline = diff.unchanged
    ? await updatePipeline(existing.id, { description: body.description })
    : await savePipelineVersion(existing.id, { graph: document, description: body.description, message: body.message ?? "Imported", baseVersion: existing.latestVersion }, author);
  return { action: "update", diff, description, pipeline };
}
