import type { z } from "zod";
import { apiErrorBody } from "@/lib/schemas/api-error";
import { ApiError } from "./api-error";
import { retryDelayMs } from "./retry-policy";

/**
 * The one place the browser calls the Streamline API: JSON in and out, every answer
 * parsed with its response schema from `lib/schemas/`, every failure an `ApiError`,
 * and the retry policy (`retry-policy.ts`) applied. Components never call this
 * directly: they call the per-resource functions in `lib/client/api/`.
 */

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

export type RequestOptions<S extends z.ZodType | undefined> = {
  /** The request body, sent as JSON. */
  json?: unknown;
  signal?: AbortSignal;
  /** The answer's schema; without one the answer is not read (204, or an answer the caller ignores). */
  schema?: S;
};

/**
 * One call to the API. A 401 means the session ended (expired, signed out elsewhere,
 * user disabled): the browser goes to the sign-in page and comes back here afterwards.
 */
export async function request<S extends z.ZodType | undefined = undefined>(
  method: HttpMethod,
  path: string,
  { json, signal, schema }: RequestOptions<S> = {},
): Promise<S extends z.ZodType ? z.output<S> : void> {
  for (let attempt = 0; ; attempt += 1) {
    const response = await send(method, path, json, signal);
    if (response.status === 401 && typeof window !== "undefined" && !window.location.pathname.startsWith("/login")) {
      window.location.assign(`/login?next=${encodeURIComponent(window.location.pathname + window.location.search)}`);
    }
    const body = response.status === 204 ? null : await readJson(response);
    if (response.ok) return parseAnswer(method, path, schema, body) as S extends z.ZodType ? z.output<S> : void;

    const error = apiErrorBody.safeParse(body).data?.error;
    const delay = retryDelayMs({ method, status: response.status, retryAfter: response.headers.get("retry-after"), code: error?.code, attempt, now: Date.now() });
    if (delay !== null) {
      await sleep(delay, signal);
      continue;
    }
    throw new ApiError({
      status: response.status,
      code: error?.code ?? `HTTP_${response.status}`,
      message: error?.message ?? `The server answered ${response.status} ${response.statusText}`.trim(),
      details: error?.details,
    });
  }
}

/**
 * A call whose answer is a stream of JSON lines (NDJSON), such as a topic search:
 * an error status is thrown as an `ApiError` like `request`'s; then each line is
 * parsed with `schema` and handed to `onLine` as it arrives. Aborting `signal`
 * closes the stream (the server stops its work).
 */
export async function requestLines<S extends z.ZodType>(
  method: HttpMethod,
  path: string,
  { json, signal, schema, onLine }: { json?: unknown; signal?: AbortSignal; schema: S; onLine: (line: z.output<S>) => void },
): Promise<void> {
  const response = await send(method, path, json, signal);
  if (!response.ok || !response.body) {
    const error = apiErrorBody.safeParse(await readJson(response)).data?.error;
    throw new ApiError({ status: response.status, code: error?.code ?? `HTTP_${response.status}`, message: error?.message ?? `The server answered ${response.status} ${response.statusText}`.trim(), details: error?.details });
  }
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffered = "";
  for (;;) {
    const { done, value } = await reader.read();
    if (value) buffered += value;
    let newline = buffered.indexOf("\n");
    while (newline >= 0) {
      const line = buffered.slice(0, newline).trim();
      buffered = buffered.slice(newline + 1);
      if (line) onLine(parseAnswer(method, path, schema, JSON.parse(line)) as z.output<S>);
      newline = buffered.indexOf("\n");
    }
    if (done) break;
  }
}

async function send(method: HttpMethod, path: string, json: unknown, signal: AbortSignal | undefined): Promise<Response> {
  try {
    return await fetch(path, {
      method,
      signal,
      cache: "no-store",
      headers: json === undefined ? { accept: "application/json" } : { accept: "application/json", "content-type": "application/json" },
      body: json === undefined ? undefined : JSON.stringify(json),
    });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new ApiError({ status: 0, code: "NETWORK", message: "Cannot reach the Streamline server. Check that it is running." });
  }
}

/** Checks a successful answer against the contract, so a drift shows as one clear error instead of `undefined` deep in a component. */
function parseAnswer(method: HttpMethod, path: string, schema: z.ZodType | undefined, body: unknown): unknown {
  if (!schema) return undefined;
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  throw new ApiError({
    status: 0,
    code: "invalid_response",
    message: `The server's answer to ${method} ${path} does not match the API contract: ${issue.path.join(".") || "(body)"}: ${issue.message}`,
    details: parsed.error.issues,
  });
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
