// Types for scripts/build-engine.mjs.
export const engineBundle: string;
export function buildEngine(): Promise<string>;
