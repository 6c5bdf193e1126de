import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";

/**
 * Starts a runner in a process of its own (fixtures/run-pipeline-process.ts),
 * for tests that kill it with SIGKILL. `options` are the SupervisedRunner's,
 * without the client; `reportMs` is how often it prints its counters (a test
 * that must kill it mid-way over a fast backlog asks for often).
 */
export function spawnRunnerProcess(options: Record<string, unknown>, reportMs?: number): ChildProcess {
  const script = path.join(import.meta.dirname, "fixtures", "run-pipeline-process.ts");
  const argument = Buffer.from(JSON.stringify(options)).toString("base64");
  const env = reportMs === undefined ? process.env : { ...process.env, REPORT_MS: String(reportMs) };
  return spawn(process.execPath, [path.join(process.cwd(), "node_modules", "tsx", "dist", "cli.mjs"), script, argument], { stdio: ["ignore", "pipe", "inherit"], env });
}

/** Resolves with the records a runner process had consumed at its first report of any; rejects if it exits first. */
export function firstProcessed(child: ChildProcess): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    child.on("exit", () => reject(new Error("the runner process exited before it processed anything")));
    child.stdout!.on("data", (chunk: Buffer) => {
      for (const line of chunk.toString().split("\n").filter(Boolean)) {
        const report = JSON.parse(line) as { counters: { recordsIn: number } | null };
        if ((report.counters?.recordsIn ?? 0) > 0) resolve(report.counters!.recordsIn);
      }
    });
  });
}

/** Kills a runner process (SIGKILL, or SIGTERM to let it stop) and waits for it to exit. */
export async function killRunnerProcess(child: ChildProcess, signal: "SIGKILL" | "SIGTERM"): Promise<void> {
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill(signal);
  await exited;
}
