import "server-only";
import { ApiError, notFound } from "../api/api-error";
import { getDb } from "../db/prisma";
import type { PipelineDocument } from "@/engine/graph";
import type { VersionDetail } from "@/lib/schemas/pipelines";

export type { VersionDetail };

/** One saved version of a pipeline, by its number as it appears in the URL. */
export async function getVersion(pipelineId: string, versionParam: string): Promise<VersionDetail> {
  if (!/^[1-9]\d{0,8}$/.test(versionParam)) {
    throw new ApiError(400, "invalid_request", `Version must be a positive whole number, not '${versionParam.slice(0, 40)}'`);
  }
  const db = await getDb();
  const version = await db.pipelineVersion.findUnique({ where: { pipelineId_version: { pipelineId, version: Number(versionParam) } } });
  if (!version) {
    const pipeline = await db.pipeline.findUnique({ where: { id: pipelineId }, select: { id: true } });
    throw notFound(pipeline ? `Version ${versionParam} of pipeline '${pipelineId}'` : `Pipeline '${pipelineId}'`);
  }
  return { version: version.version, message: version.message, createdAt: version.createdAt.toISOString(), graph: JSON.parse(version.graph) as PipelineDocument };
}
