import "server-only";
import type { UpdatePipelineBody } from "@/lib/schemas/pipelines";
import { notFound } from "../api/api-error";
import { getDb } from "../db/prisma";
import { nameTaken } from "./create-pipeline";
import { getPipeline } from "./get-pipeline";
import { isUniqueViolation } from "./is-unique-violation";
import type { PipelineDetail } from "./pipeline-views";

/** Renames a pipeline or changes its description, without a new version of the graph. */
export async function updatePipeline(id: string, body: UpdatePipelineBody): Promise<PipelineDetail> {
  const db = await getDb();
  try {
    const updated = await db.pipeline.updateMany({ where: { id }, data: { name: body.name, description: body.description } });
    if (updated.count === 0) throw notFound(`Pipeline '${id}'`);
  } catch (error) {
    if (isUniqueViolation(error) && body.name !== undefined) throw nameTaken(body.name);
    throw error;
  }
  return getPipeline(id);
}
