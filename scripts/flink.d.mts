// Types for scripts/flink.mjs, so TypeScript tests and tools can import it.
export type FlinkAddress = { restUrl: string; gatewayUrl: string; external: boolean };
export type FlinkStart = FlinkAddress & { startedNow: boolean; version: string; slots: number; elapsedMs: number };
export function flinkAddress(): FlinkAddress;
export function fetchFlink(options?: { log?: (msg: string) => void }): Promise<{ version: string; libsDir: string; fetched: boolean; elapsedMs: number }>;
export function startFlink(options?: { log?: (msg: string) => void }): Promise<FlinkStart>;
export function stopFlink(options?: { log?: (msg: string) => void }): Promise<{ stopped: string[] }>;
export function flinkStatus(): Promise<{ running: boolean; external: boolean; restUrl: string; gatewayUrl: string; pids: Record<string, number | null>; slots: number; version: string; error: string | null }>;
export function resetFlink(options?: { log?: (msg: string) => void }): Promise<{ removed: string }>;
export function runSql(statement: string): Promise<{ columns: string[]; rows: unknown[][] }>;
