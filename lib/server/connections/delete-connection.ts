import "server-only";
import { notFound } from "../api/api-error";
import { getDb } from "../db/prisma";

/** Deletes a connection and its encrypted secret. Pipelines that name it fail validation at their next deploy. */
export async function deleteConnection(id: string): Promise<{ name: string }> {
  const db = await getDb();
  const row = await db.kafkaConnection.findUnique({ where: { id }, select: { name: true } });
  if (!row) throw notFound(`Connection '${id}'`);
  await db.kafkaConnection.delete({ where: { id } });
  return row;
}
