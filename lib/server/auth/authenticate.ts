import "server-only";
import { toRole, roles, type Role } from "@/lib/schemas/auth";
import { ApiError } from "../api/api-error";
import { getDb } from "../db/prisma";
import { hashToken, tokenPrefix } from "../tokens/token-secret";
import { getAuth } from "./better-auth";
import type { Principal } from "./principal";

/** How often a token's "last used" time is written, at most. */
const lastUsedResolutionMs = 60_000;

/**
 * Establishes who sent a request: a bearer API token in `Authorization`, or
 * else the signed session cookie. Returns null for an anonymous request;
 * throws a 401 for a token that is malformed, unknown, revoked or whose owner
 * is disabled (a bad token never falls back to the cookie).
 */
export async function authenticate(request: Request): Promise<Principal | null> {
  const authorization = request.headers.get("authorization");
  if (authorization !== null) return tokenPrincipal(authorization);
  return sessionPrincipal(request.headers);
}

async function tokenPrincipal(authorization: string): Promise<Principal> {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
  const token = match?.[1];
  if (!token || !token.startsWith(tokenPrefix) || token.length > 200) throw invalidToken();
  const db = await getDb();
  const row = await db.apiToken.findUnique({ where: { hash: hashToken(token) }, include: { user: true } });
  if (!row || row.revokedAt || row.user.disabled) throw invalidToken();
  if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > lastUsedResolutionMs) {
    await db.apiToken.update({ where: { id: row.id }, data: { lastUsedAt: new Date() } });
  }
  return {
    userId: row.userId,
    email: row.user.email,
    name: row.user.name,
    role: lesserRole(toRole(row.role), toRole(row.user.role)),
    via: "token",
    tokenId: row.id,
  };
}

/** The user behind a signed session cookie in `headers`, or null when there is none, it expired, or the user is disabled. */
export async function sessionPrincipal(headers: Headers): Promise<Principal | null> {
  if (!headers.get("cookie")) return null;
  const found = await getAuth().api.getSession({ headers, query: { disableRefresh: true } });
  if (!found) return null;
  const user = found.user as typeof found.user & { role?: string; disabled?: boolean };
  if (user.disabled) return null;
  return { userId: user.id, email: user.email, name: user.name, role: toRole(user.role ?? "viewer"), via: "session" };
}

function lesserRole(a: Role, b: Role): Role {
  return roles.indexOf(a) <= roles.indexOf(b) ? a : b;
}

function invalidToken(): ApiError {
  return new ApiError(401, "unauthorized", "The API token is invalid, revoked, or belongs to a disabled user", undefined, {
    "www-authenticate": 'Bearer error="invalid_token"',
  });
}
