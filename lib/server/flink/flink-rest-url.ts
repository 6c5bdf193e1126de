import "server-only";

/**
 * The JobManager REST API the web app asks about slots and checkpoints: the
 * one the engine deploys to (FLINK_REST_URL for a remote cluster, else the
 * local cluster of scripts/flink.mjs on FLINK_REST_PORT).
 */
export function flinkRestUrl(): { url: string; external: boolean } {
  const remote = process.env.FLINK_REST_URL?.trim();
  if (remote) return { url: remote.replace(/\/+$/, ""), external: true };
  return { url: `http://127.0.0.1:${process.env.FLINK_REST_PORT ?? "8081"}`, external: false };
}

/** Task slots the local cluster will offer when it is started (scripts/flink.mjs defaults). */
export function localClusterSlots(): number {
  const int = (name: string, fallback: number) => {
    const n = Number(process.env[name]);
    return Number.isInteger(n) && n > 0 ? n : fallback;
  };
  return int("FLINK_TASK_MANAGERS", 2) * int("FLINK_TASK_SLOTS", 8);
}
