// Types for scripts/engine-node-options.mjs, so TypeScript (the worker, the benchmark) can import it.
export const MIN_OLD_SPACE_MB: number;
export const MAX_OLD_SPACE_MB: number;
export function engineNodeOptions(env?: Record<string, string | undefined>): string[];
