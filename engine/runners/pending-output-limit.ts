/** The default bound on output waiting for a commit: see `pendingOutputLimit`. */
export const defaultPendingOutputMb = 8;

/**
 * The bound on output waiting for a commit, in bytes, from
 * `ENGINE_MAX_PENDING_OUTPUT_MB` (docs/operations.md): while more than this
 * waits, the runner stops taking fetched batches until the commit in flight
 * ends. Every byte counted costs several on the V8 heap (the message objects,
 * then the encoded produce requests), so it is the main lever on the engine's
 * heap besides state. Unset: 8 MB. Throws a message naming the variable for
 * anything but a whole number of megabytes from 1 to 1024.
 */
export function pendingOutputLimit(env: Record<string, string | undefined> = process.env): number {
  const raw = env.ENGINE_MAX_PENDING_OUTPUT_MB?.trim();
  if (!raw) return defaultPendingOutputMb * 1024 * 1024;
  if (!/^\d+$/.test(raw)) throw new Error(`ENGINE_MAX_PENDING_OUTPUT_MB must be a whole number of megabytes (for example 4), not "${raw}"`);
  const mb = Number(raw);
  if (mb < 1 || mb > 1024) throw new Error(`ENGINE_MAX_PENDING_OUTPUT_MB must be between 1 and 1024 (megabytes), not ${mb}`);
  return mb * 1024 * 1024;
}
