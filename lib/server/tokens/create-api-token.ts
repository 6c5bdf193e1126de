import "server-only";
import { randomUUID } from "node:crypto";
import { roleAtLeast } from "@/lib/schemas/auth";
import type { CreateTokenBody } from "@/lib/schemas/tokens";
import { ApiError } from "../api/api-error";
import type { Principal } from "../auth/principal";
import { getDb } from "../db/prisma";
import { hashToken, newTokenSecret } from "./token-secret";
import { toTokenView, type TokenView } from "./token-view";

/**
 * Creates an API token for the signed-in user. The secret is returned this
 * once and only its SHA-256 is stored. Its role defaults to the owner's and
 * can only be lower; requests with it never exceed the owner's current role.
 */
export async function createApiToken(owner: Principal, body: CreateTokenBody): Promise<{ token: TokenView; secret: string }> {
  const role = body.role ?? owner.role;
  if (!roleAtLeast(owner.role, role)) throw new ApiError(403, "forbidden", `A token cannot have more rights than you: you are ${owner.role}`);
  const secret = newTokenSecret();
  const db = await getDb();
  const row = await db.apiToken.create({
    data: { id: randomUUID(), name: body.name, prefix: secret.slice(0, 10), hash: hashToken(secret), role, userId: owner.userId },
  });
  return { token: toTokenView(row), secret };
}
