// Types for scripts/kafka.mjs, so TypeScript tests and tools can import it.
export type BrokerStart = { startedNow: boolean; [key: string]: unknown };
export function fetchKafka(options?: Record<string, unknown>): Promise<{ version: string; libsDir: string; fetched: boolean; elapsedMs: number }>;
export function startBroker(options?: Record<string, unknown>): Promise<BrokerStart>;
export function stopBroker(options?: Record<string, unknown>): Promise<unknown>;
export function brokerStatus(options?: Record<string, unknown>): Promise<unknown>;
export function resetBroker(options?: Record<string, unknown>): Promise<unknown>;
