// Types for scripts/supervisor.mjs, so TypeScript tests and tools can import it.
import type { StdioOptions } from "node:child_process";
export type ServiceSpec = { name: string; command: string; args: string[]; cwd?: string; env?: NodeJS.ProcessEnv; log?: (message: string) => void; stdio?: StdioOptions };
export type Service = { name: string; readonly pid: number | undefined; readonly restarts: number; stop: (graceMs?: number) => Promise<void> };
export function supervise(spec: ServiceSpec): Service;
export function endGroup(pgid: number, graceMs?: number): Promise<void>;
export function groupAlive(pgid: number): boolean;
