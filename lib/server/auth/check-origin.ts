import "server-only";
import { ApiError } from "../api/api-error";

/** Methods that change something; only these need a cross-site request forgery check. */
export function isUnsafeMethod(method: string): boolean {
  return !["GET", "HEAD", "OPTIONS"].includes(method.toUpperCase());
}

/**
 * Refuses a cookie-authenticated write that does not come from the app's own
 * pages: the browser's Origin header must name this server (or
 * STREAMLINE_PUBLIC_URL when a proxy sits in front). A missing Origin or the
 * opaque `null` origin (sandboxed frames, some redirects) is refused too, since
 * neither proves where the request came from.
 */
export function assertSameOrigin(request: Request): void {
  const origin = request.headers.get("origin");
  if (!origin || origin === "null") {
    throw new ApiError(403, "origin_rejected", "This request changes data but has no Origin header; send it from the app, or use an API token (Authorization: Bearer …)");
  }
  if (!allowedOrigins(request).has(origin)) {
    throw new ApiError(403, "origin_rejected", `Requests from origin '${origin.slice(0, 200)}' may not change data here`);
  }
}

function allowedOrigins(request: Request): Set<string> {
  const url = new URL(request.url);
  const allowed = new Set<string>([url.origin]);
  // Next.js builds request.url from the name it listens on ("localhost"), so the Host the browser
  // addressed (e.g. 127.0.0.1:3000) is this server's origin too. A browser always sends the Host of
  // the site it talks to, so another site cannot make its requests match.
  const host = request.headers.get("host");
  if (host && /^[a-z0-9.:[\]-]+$/i.test(host)) allowed.add(`${url.protocol}//${host.toLowerCase()}`);
  const publicUrl = process.env.STREAMLINE_PUBLIC_URL?.trim();
  if (publicUrl) {
    try {
      allowed.add(new URL(publicUrl).origin);
    } catch {
      // A malformed STREAMLINE_PUBLIC_URL adds nothing; the server's own origin still works.
    }
  }
  return allowed;
}
