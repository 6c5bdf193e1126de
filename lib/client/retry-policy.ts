/**
 * When the browser's API client tries a request again: only on 503 with `Retry-After`
 * (the server is busy and says when to come back), only for reads, which are safe to
 * repeat, and for writes the server marked `busy` (refused before doing anything),
 * a few times, never waiting longer than the cap. Everything else is answered at once.
 */

/** Attempts after the first. */
export const maxRetries = 3;
/** The longest wait honoured; a server asking for more gets its error shown instead. */
export const maxRetryDelayMs = 10_000;

export type RetryQuestion = {
  method: string;
  status: number;
  /** The `Retry-After` header as sent, or null. */
  retryAfter: string | null;
  /** The API error code of the answer, when it had one. */
  code: string | undefined;
  /** How many retries were already made. */
  attempt: number;
  now: number;
};

/** Milliseconds to wait before retrying, or null when the answer stands. */
export function retryDelayMs({ method, status, retryAfter, code, attempt, now }: RetryQuestion): number | null {
  if (status !== 503 || retryAfter === null || attempt >= maxRetries) return null;
  const idempotent = method === "GET" || method === "HEAD";
  if (!idempotent && code !== "busy") return null;
  const delay = parseRetryAfter(retryAfter, now);
  if (delay === null || delay > maxRetryDelayMs) return null;
  return delay;
}

/** `Retry-After` as milliseconds from `now`: delay-seconds or an HTTP date; null when unreadable. */
export function parseRetryAfter(value: string, now: number): number | null {
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  // An HTTP date names its weekday and month; anything else ("-1", "2026") is not one.
  const at = /[a-z]{3}/i.test(trimmed) ? Date.parse(trimmed) : Number.NaN;
  if (Number.isNaN(at)) return null;
  return Math.max(0, at - now);
}
