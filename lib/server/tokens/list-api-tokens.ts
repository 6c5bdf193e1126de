import "server-only";
import type { Principal } from "../auth/principal";
import { getDb } from "../db/prisma";
import { toTokenView, type TokenView } from "./token-view";

/** The signed-in user's tokens, newest first, revoked ones included so their history stays visible. */
export async function listApiTokens(owner: Principal): Promise<TokenView[]> {
  const db = await getDb();
  return (await db.apiToken.findMany({ where: { userId: owner.userId }, orderBy: { createdAt: "desc" } })).map(toTokenView);
}
