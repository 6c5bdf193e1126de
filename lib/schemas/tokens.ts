import { z } from "zod";
import { personName, role } from "./auth";

/**
 * The API tokens API (`/api/tokens`, browser sessions only): request bodies and
 * answers, shared by the route handlers, the server functions that shape the
 * answers and the browser's client, which parses every answer with these.
 */

/** A token's name follows the rules of a person's name: 1–100 characters, no control characters. */
export const tokenName = personName;

export const createTokenBody = z.strictObject({ name: tokenName, role: role.optional() });
export type CreateTokenBody = z.infer<typeof createTokenBody>;

// ─── Answers ──────────────────────────────────────────────────────────────────

/** An API token as the API shows it: never its hash, and its secret only once, at creation. */
export const tokenView = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string(),
  role,
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});

export const tokenListResponse = z.object({ tokens: z.array(tokenView) });
/** `DELETE /api/tokens/:id`: the revoked token. */
export const tokenResponse = z.object({ token: tokenView });
/** `POST /api/tokens`: the new token and its secret, which no other answer carries. */
export const createdTokenResponse = z.object({ token: tokenView, secret: z.string() });

export type TokenView = z.infer<typeof tokenView>;
