import "server-only";
import { getDb } from "../db/prisma";
import { toSummary, type PipelineSummary } from "./pipeline-views";

/** Every pipeline, most recently changed first. */
export async function listPipelines(): Promise<PipelineSummary[]> {
  const db = await getDb();
  const rows = await db.pipeline.findMany({ orderBy: [{ updatedAt: "desc" }, { name: "asc" }] });
  if (rows.length === 0) return [];
  const latest = await db.pipelineVersion.findMany({
    where: { OR: rows.map((row) => ({ pipelineId: row.id, version: row.latestVersion })) },
    select: { pipelineId: true, graph: true },
  });
  const graphs = new Map(latest.map((version) => [version.pipelineId, version.graph]));
  return rows.map((row) => toSummary(row, graphs.get(row.id)));
}
