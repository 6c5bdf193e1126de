// Node flags for the engine process, from the environment. Whoever spawns the
// engine (scripts/start.mjs, the worker's supervisor, the Dockerfile's command,
// the benchmark) passes `engineNodeOptions()` before the script name:
//
//   spawn(process.execPath, [...engineNodeOptions(), ...loaderFlags, "worker/engine-worker.ts"])
//
// TODO(start.mjs / worker owners): spawn the engine with engineNodeOptions() — see docs/operations.md "Engine memory".

/** Smallest accepted old-generation limit: below it Node cannot load the engine's modules. */
export const MIN_OLD_SPACE_MB = 64;
/** Largest accepted limit (1 TiB), to catch a value given in bytes or KB by mistake. */
export const MAX_OLD_SPACE_MB = 1_048_576;

/**
 * `ENGINE_MAX_OLD_SPACE_MB=<n>` → `["--max-old-space-size=<n>"]`: caps V8's
 * old generation of the engine process at n MB (it collects garbage sooner
 * instead of growing its heap; at the cap the process fails with "JavaScript
 * heap out of memory"). Unset or empty → no flag (V8's default). Anything but
 * a whole number of MB between 64 and 1,048,576 throws an error that says so.
 *
 * @param {Record<string, string | undefined>} [env]
 * @returns {string[]}
 */
export function engineNodeOptions(env = process.env) {
  const raw = env.ENGINE_MAX_OLD_SPACE_MB?.trim();
  if (!raw) return [];
  if (!/^\d+$/.test(raw)) throw new Error(`ENGINE_MAX_OLD_SPACE_MB must be a whole number of megabytes (for example 192), not "${raw}"`);
  const mb = Number(raw);
  if (mb < MIN_OLD_SPACE_MB || mb > MAX_OLD_SPACE_MB) throw new Error(`ENGINE_MAX_OLD_SPACE_MB must be between ${MIN_OLD_SPACE_MB} and ${MAX_OLD_SPACE_MB} (megabytes), not ${mb}`);
  return [`--max-old-space-size=${mb}`];
}
