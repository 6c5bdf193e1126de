import "server-only";
import { notFound } from "../api/api-error";
import { getDb } from "../db/prisma";
import type { VersionSummary } from "@/lib/schemas/pipelines";

export type { VersionSummary };

/** Every saved version of a pipeline, newest first. */
export async function listVersions(pipelineId: string): Promise<VersionSummary[]> {
  const db = await getDb();
  const pipeline = await db.pipeline.findUnique({ where: { id: pipelineId }, select: { id: true } });
  if (!pipeline) throw notFound(`Pipeline '${pipelineId}'`);
  const versions = await db.pipelineVersion.findMany({ where: { pipelineId }, orderBy: { version: "desc" } });
  return versions.map((v) => ({
    version: v.version,
    message: v.message,
    createdAt: v.createdAt.toISOString(),
    nodeCount: (JSON.parse(v.graph) as { nodes: unknown[] }).nodes.length,
  }));
}
