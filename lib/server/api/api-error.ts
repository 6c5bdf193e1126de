/** Error codes the API answers with; stable, documented in docs/api.md. */
export type ApiErrorCode =
  | "malformed_json"
  | "invalid_request"
  | "not_found"
  | "conflict"
  | "payload_too_large"
  | "unsupported_media_type"
  | "invalid_graph"
  | "method_not_allowed"
  | "kafka_unavailable"
  | "schema_registry_unavailable"
  | "flink_unavailable"
  | "unauthorized"
  | "forbidden"
  | "origin_rejected"
  | "too_many_requests"
  | "broker_not_allowed"
  | "busy"
  | "internal_error";

/**
 * An error meant for the client: it carries the HTTP status, a stable code and
 * a message that says what is wrong and where. Anything else thrown in a
 * handler is a server fault and answered as a 500 without details.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ApiErrorCode,
    message: string,
    readonly details?: unknown,
    /** Extra response headers, e.g. `WWW-Authenticate` on a 401 or `Retry-After` on a 429. */
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

/** A 404 for a resource that does not exist. */
export function notFound(what: string): ApiError {
  return new ApiError(404, "not_found", `${what} was not found`);
}
