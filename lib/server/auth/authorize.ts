import "server-only";
import { roleAtLeast, type Role } from "@/lib/schemas/auth";
import { ApiError } from "../api/api-error";
import { authenticate } from "./authenticate";
import { assertSameOrigin, isUnsafeMethod } from "./check-origin";
import type { Principal } from "./principal";

type AuthorizeOptions = {
  /** Refuse API tokens: for managing tokens themselves, so a leaked token cannot mint more. */
  sessionOnly?: boolean;
};

/**
 * The authorization check every route handler makes before doing anything:
 * the caller must be signed in (session cookie or API token), hold at least
 * `needed`, and, for a write with a cookie, come from the app's own origin.
 * It runs inside the handler, never only in middleware (CVE-2025-29927).
 */
export async function authorize(request: Request, needed: Role, options: AuthorizeOptions = {}): Promise<Principal> {
  const principal = await authenticate(request);
  if (!principal) {
    throw new ApiError(401, "unauthorized", "Sign in first, or send an API token as 'Authorization: Bearer …'", undefined, { "www-authenticate": "Bearer" });
  }
  if (principal.via === "session" && isUnsafeMethod(request.method)) assertSameOrigin(request);
  if (options.sessionOnly && principal.via !== "session") {
    throw new ApiError(403, "forbidden", "API tokens cannot do this; sign in to the app instead");
  }
  if (!roleAtLeast(principal.role, needed)) {
    throw new ApiError(403, "forbidden", `This needs the ${needed} role; you are signed in as ${principal.role}`);
  }
  return principal;
}
