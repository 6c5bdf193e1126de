import "server-only";
import { notFound } from "../api/api-error";
import { getDb } from "../db/prisma";
import { toConnectionView, type ConnectionView } from "./connection-view";

/** Every stored connection by name, without secrets. */
export async function listConnections(): Promise<ConnectionView[]> {
  const db = await getDb();
  return (await db.kafkaConnection.findMany({ orderBy: { name: "asc" } })).map(toConnectionView);
}

/** One connection without its secret, or 404. */
export async function getConnection(id: string): Promise<ConnectionView> {
  const db = await getDb();
  const row = await db.kafkaConnection.findUnique({ where: { id } });
  if (!row) throw notFound(`Connection '${id}'`);
  return toConnectionView(row);
}
