import "server-only";
import { notFound } from "../api/api-error";
import type { Principal } from "../auth/principal";
import { getDb } from "../db/prisma";
import { toTokenView, type TokenView } from "./token-view";

/** Revokes one of the signed-in user's tokens (an admin may revoke anyone's). Revoking twice is harmless. */
export async function revokeApiToken(actor: Principal, id: string): Promise<TokenView> {
  const db = await getDb();
  const row = await db.apiToken.findUnique({ where: { id } });
  if (!row || (row.userId !== actor.userId && actor.role !== "admin")) throw notFound(`API token '${id}'`);
  if (row.revokedAt) return toTokenView(row);
  return toTokenView(await db.apiToken.update({ where: { id }, data: { revokedAt: new Date() } }));
}
