import "server-only";
import { notFound } from "../api/api-error";
import { getDb } from "../db/prisma";
import { toDetail, type PipelineDetail } from "./pipeline-views";

/** A pipeline with its latest graph; 404 when there is none with this id. */
export async function getPipeline(id: string): Promise<PipelineDetail> {
  const db = await getDb();
  const row = await db.pipeline.findUnique({ where: { id } });
  if (!row) throw notFound(`Pipeline '${id}'`);
  const latest = await db.pipelineVersion.findUnique({ where: { pipelineId_version: { pipelineId: id, version: row.latestVersion } } });
  if (!latest) throw new Error(`Pipeline ${id} has no version ${row.latestVersion}`);
  return toDetail(row, latest.graph);
}
