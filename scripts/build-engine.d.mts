// Types for scripts/build-engine.mjs.
export const engineBundle: string;
export function buildEngine(): Promise<string>;
/** Builds one engine program (entry `outfile`, its `-main` bundle, the shared kafkajs patches loaded first); resolves to `outfile`. */
export function buildEngineProgram(entryPoint: string, outfile: string): Promise<string>;
