import "server-only";
import { notFound } from "../api/api-error";
import { getDb } from "../db/prisma";

/** Deletes a pipeline with all its versions and deployment records. */
export async function deletePipeline(id: string): Promise<void> {
  const db = await getDb();
  const deleted = await db.pipeline.deleteMany({ where: { id } });
  if (deleted.count === 0) throw notFound(`Pipeline '${id}'`);
}
