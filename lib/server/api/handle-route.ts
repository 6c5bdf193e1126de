import type { z } from "zod";
import { isBusyError } from "../db/is-busy-error";
import { ApiError } from "./api-error";
import { isWellFormed } from "./well-formed";

type RouteContext<P> = { params: Promise<P> };

/**
 * Wraps a route handler: an ApiError becomes its JSON error answer, a
 * database too busy to answer in time a 503 `busy` with `Retry-After`, anything
 * else is logged and answered as a 500 that reveals nothing of the server.
 */
export function handleRoute<P = Record<string, never>>(
  handler: (request: Request, params: P) => Promise<Response>,
): (request: Request, context: RouteContext<P>) => Promise<Response> {
  return async (request, context) => {
    try {
      const params = await context.params;
      assertUsableParams(params);
      return await handler(request, params);
    } catch (error) {
      return errorResponse(error);
    }
  };
}

/** Path parameters (ids, version numbers) must be text the database can compare: well-formed and of sane length. */
function assertUsableParams(params: unknown): void {
  if (!params || typeof params !== "object") return;
  for (const [name, value] of Object.entries(params)) {
    if (typeof value === "string" && (value.length > 512 || !isWellFormed(value))) {
      throw new ApiError(400, "invalid_request", `The ${name} in the URL is not a valid identifier`, [{ field: name, message: "Not a valid identifier" }]);
    }
  }
}

/** Seconds a client waits before retrying a request the database was too busy for. */
export const busyRetryAfterSeconds = 1;

/** Turns a thrown error into the API's error body: `{ error: { code, message, details? } }`. */
export function errorResponse(error: unknown): Response {
  // The database did not get to it within its bound; its transaction rolled back, so a retry is safe.
  if (isBusyError(error)) {
    error = new ApiError(503, "busy", "The database is busy; nothing was changed. Try again in a moment.", undefined, { "retry-after": String(busyRetryAfterSeconds) });
  }
  if (error instanceof ApiError) {
    const body = { error: { code: error.code, message: error.message, ...(error.details === undefined ? {} : { details: error.details }) } };
    return Response.json(body, { status: error.status, headers: error.headers });
  }
  const reference = crypto.randomUUID();
  console.error(`[api] unexpected error ${reference}`, error);
  return Response.json(
    { error: { code: "internal_error", message: `Something went wrong on the server (reference ${reference}); the request may be retried.` } },
    { status: 500 },
  );
}

/** A JSON answer. Prefer `respond`, which checks the body against the endpoint's response schema. */
export function json(body: unknown, status = 200): Response {
  return Response.json(body, { status });
}

/**
 * A JSON answer typed by the endpoint's response schema from `lib/schemas/<resource>.ts`, the
 * same schema the browser's client parses it with: a body that drifts from the contract is a
 * compile error here rather than a surprise in the browser. The body is not parsed at run time.
 */
export function respond<S extends z.ZodType>(schema: S, body: z.input<S>, status = 200): Response {
  return Response.json(body, { status });
}
