import "server-only";
import { ApiError } from "../api/api-error";

/** Failed sign-ins allowed per account, and per client address, within the window. */
export const loginLimits = { perAccount: 5, perClient: 20, windowMs: 15 * 60_000 } as const;

type Failures = Map<string, number[]>;
const holder = globalThis as unknown as { streamlineLoginFailures?: Failures };
const failures: Failures = (holder.streamlineLoginFailures ??= new Map());

/**
 * Refuses a sign-in with 429 when the account or the client address has had
 * too many recent failures. Counting per account stops guessing one password
 * from many addresses; per address stops trying many accounts from one.
 * In memory: a restart forgets, which costs an attacker a restart per window.
 */
export function checkLoginAllowed(email: string, client: string, now = Date.now()): void {
  for (const [key, limit] of [[`account:${email}`, loginLimits.perAccount], [`client:${client}`, loginLimits.perClient]] as const) {
    const recent = recentFailures(key, now);
    if (recent.length >= limit) {
      const retryAfter = Math.ceil((recent[0]! + loginLimits.windowMs - now) / 1000);
      throw new ApiError(429, "too_many_requests", `Too many failed sign-ins; try again in ${Math.ceil(retryAfter / 60)} minutes`, undefined, {
        "retry-after": String(retryAfter),
      });
    }
  }
}

/** Counts a failed sign-in against the account and the client address. */
export function recordLoginFailure(email: string, client: string, now = Date.now()): void {
  for (const key of [`account:${email}`, `client:${client}`]) failures.set(key, [...recentFailures(key, now), now]);
  if (failures.size > 10_000) pruneOld(now);
}

/** A successful sign-in clears the account's failures (not the address's). */
export function clearAccountFailures(email: string): void {
  failures.delete(`account:${email}`);
}

/** The client's address as the server sees it: the first X-Forwarded-For hop (Next.js sets it), else "unknown". */
export function clientAddress(request: Request): string {
  return request.headers.get("x-forwarded-for")?.split(",")[0]?.trim().slice(0, 64) || "unknown";
}

function recentFailures(key: string, now: number): number[] {
  return (failures.get(key) ?? []).filter((at) => now - at < loginLimits.windowMs);
}

function pruneOld(now: number): void {
  for (const [key, times] of failures) if (times.every((at) => now - at >= loginLimits.windowMs)) failures.delete(key);
}
