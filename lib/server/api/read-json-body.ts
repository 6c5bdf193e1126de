import type { z } from "zod";
import { ApiError } from "./api-error";
import { findMalformedString } from "./well-formed";

/** The largest request body the API reads. */
export const maxBodyBytes = 1024 * 1024;

/**
 * Reads a JSON request body and parses it with a schema. Route handlers have
 * no body limit of their own, so the body is read with a cap: a body over
 * 1 MiB is a 413, a non-JSON content type a 415, unparseable JSON a 400 with
 * the position, and a body that does not match the schema a 400 naming each
 * bad field.
 */
export async function readJsonBody<T>(request: Request, schema: z.ZodType<T>): Promise<T> {
  const contentType = request.headers.get("content-type") ?? "";
  if (!/^application\/([a-z.+-]*\+)?json\s*(;|$)/i.test(contentType.trim())) {
    throw new ApiError(415, "unsupported_media_type", `Send the body as JSON with 'Content-Type: application/json' (got '${contentType || "none"}')`);
  }
  const declared = Number(request.headers.get("content-length") ?? NaN);
  if (Number.isFinite(declared) && declared > maxBodyBytes) throw tooLarge();

  const text = await readCapped(request);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    const detail = error instanceof SyntaxError ? error.message : "unreadable";
    throw new ApiError(400, "malformed_json", `The request body is not valid JSON: ${detail}`);
  }
  // "\ud800" is valid JSON but not text anyone can store: refuse it here rather than fail in the database.
  const malformed = findMalformedString(json);
  if (malformed !== null) {
    throw new ApiError(400, "invalid_request", `The request body is invalid: ${malformed.slice(0, 200)}: contains a lone surrogate (\\uD800–\\uDFFF), which is not valid Unicode`, [{ field: malformed.slice(0, 200), message: "Contains a lone surrogate, which is not valid Unicode" }]);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const details = parsed.error.issues.map((issue) => ({ field: issue.path.join(".") || "(body)", message: issue.message }));
    const summary = details.map((d) => `${d.field}: ${d.message}`).join("; ");
    throw new ApiError(400, "invalid_request", `The request body is invalid: ${summary}`, details);
  }
  return parsed.data;
}

async function readCapped(request: Request): Promise<string> {
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBodyBytes) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(Buffer.concat(chunks));
  } catch {
    throw new ApiError(400, "malformed_json", "The request body is not valid UTF-8");
  }
}

function tooLarge(): ApiError {
  return new ApiError(413, "payload_too_large", `The request body is larger than ${maxBodyBytes / 1024 / 1024} MiB`);
}

/** Like readJsonBody, but an empty body (no content) means `{}`: for POSTs whose fields are all optional. */
export async function readOptionalJsonBody<T>(request: Request, schema: z.ZodType<T>): Promise<T> {
  const length = request.headers.get("content-length");
  if (!request.body || length === "0") return readJsonBody(new Request(request.url, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" }), schema);
  return readJsonBody(request, schema);
}
