/**
 * Prisma's codes for "the database could not do it in time": P1008 (SQLite
 * busy past its busy timeout, surfaced by the libsql adapter as a socket
 * timeout), P2024 (no pooled connection in time), P2028 (a transaction could
 * not start or ran past its timeout) and P2034 (a write conflict or deadlock;
 * the transaction was rolled back).
 */
const busyCodes = new Set(["P1008", "P2024", "P2028", "P2034"]);

/**
 * True when a database error means "busy, nothing was written, try again":
 * the API answers those with 503 `busy` and `Retry-After` instead of a 500.
 */
export function isBusyError(error: unknown): boolean {
  if (typeof error !== "object" || error === null) return false;
  const { code, message } = error as { code?: unknown; message?: unknown };
  if (typeof code === "string" && busyCodes.has(code)) return true;
  // The last: node-postgres's pool found no connection within its connection timeout (seen under 50
  // clients in `npm run bench:load` on PostgreSQL, surfaced without a Prisma code): nothing was sent.
  return typeof message === "string" && /SQLITE_BUSY|database is locked|SocketTimeout|timeout exceeded when trying to connect/.test(message);
}
