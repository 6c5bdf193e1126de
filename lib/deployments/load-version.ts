import { validatePipeline, type ValidationResult } from "@/engine/graph";
import type { Db } from "@/lib/server/db/prisma";

/** A stored version read back and validated: null when the version does not exist. */
export type LoadedVersion = { version: number; validation: ValidationResult } | null;

/**
 * Loads one saved version of a pipeline and validates its graph: the one way
 * the web app (deploy) and the engine (both runtimes, when they start a
 * deployment) read a version to run. Not server-only (the engine process
 * imports it); it only uses the database client it is given.
 */
export async function loadVersion(db: Db, pipelineId: string, version: number): Promise<LoadedVersion> {
  const row = await db.pipelineVersion.findUnique({ where: { pipelineId_version: { pipelineId, version } }, select: { version: true, graph: true } });
  if (!row) return null;
  return { version: row.version, validation: validatePipeline(JSON.parse(row.graph)) };
}
