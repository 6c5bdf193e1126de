// Starting, watching and stopping the processes under test, and reading their peak memory.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { engineNodeOptions } from "../scripts/engine-node-options.mjs";
import type { ProcessSpec } from "./engine-process";
import { benchCache } from "./java-tools";

const root = path.resolve(import.meta.dirname, "..");

export type Running = { child: ChildProcess; alive: () => boolean; running: Promise<void>; output: () => string };

let bundled: string | null = null;

/**
 * bench/engine-process.ts bundled as the app's engine is (scripts/build-engine.mjs:
 * esbuild, npm packages external, kafkajs's replacements loaded first), built once per benchmark run, so the engine is
 * measured as `npm start` runs it: plain `node`, without tsx's loader thread and
 * compiled-module cache (about 45 MB of RSS).
 */
function engineProcessBundle(): string {
  if (bundled) return bundled;
  const outfile = path.join(benchCache, "engine-process.mjs");
  execFileSync(process.execPath, [path.join(root, "scripts", "build-engine.mjs"), path.join(root, "bench", "engine-process.ts"), outfile], { cwd: root, stdio: "ignore" });
  return (bundled = outfile);
}

/**
 * Starts bench/engine-process.ts in its own Node process (the one whose memory
 * is measured), bundled; `BENCH_ENGINE_TSX=1` runs the source under tsx instead
 * (for before/after comparisons).
 */
export function startNodeProcess(spec: ProcessSpec, options: { profileName?: string } = {}): Running {
  // ENGINE_MAX_OLD_SPACE_MB: the engine's documented memory limit (docs/operations.md), as the app passes it.
  // BENCH_NODE_FLAGS: extra V8/Node flags for the process under test, for experiments.
  const tsx = process.env.BENCH_ENGINE_TSX === "1";
  const flags = [...engineNodeOptions(), ...(tsx ? ["--import", "tsx"] : ["--enable-source-maps"]), ...(process.env.BENCH_NODE_FLAGS?.split(" ").filter(Boolean) ?? [])];
  if (options.profileName) {
    // One folder per run (under tsx, its loader's worker thread writes a profile of its own next to the main thread's).
    const dir = path.join(benchCache, "profiles", options.profileName);
    fs.mkdirSync(dir, { recursive: true });
    flags.push("--cpu-prof", `--cpu-prof-dir=${dir}`);
  }
  const script = tsx ? path.join(root, "bench", "engine-process.ts") : engineProcessBundle();
  const child = spawn(process.execPath, [...flags, script, Buffer.from(JSON.stringify(spec)).toString("base64")], { cwd: root, stdio: ["ignore", "pipe", "pipe"] });
  return watch(child, (line) => line.includes('"status":"running"'));
}

/** Watches a child: `running` resolves when `isRunning` matches a stdout line, rejects if it exits first. */
export function watch(child: ChildProcess, isRunning: (line: string) => boolean): Running {
  let exited = false;
  let log = "";
  child.on("exit", () => (exited = true));
  child.stderr!.on("data", (chunk: Buffer) => (log = (log + chunk.toString()).slice(-6000)));
  const running = new Promise<void>((resolve, reject) => {
    child.stdout!.on("data", (chunk: Buffer) => {
      const text = chunk.toString();
      log = (log + text).slice(-6000);
      for (const line of text.split("\n")) if (isRunning(line)) resolve();
    });
    child.on("exit", (code) => reject(new Error(`the process exited with ${code} before it ran:\n${log}`)));
  });
  running.catch(() => undefined);
  return { child, alive: () => !exited, running, output: () => log };
}

/** Peak resident memory (VmHWM) of a live process, in MB; NaN if it is gone. */
export function peakRssMb(pid: number | undefined): number {
  if (pid === undefined) return Number.NaN;
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
    const match = status.match(/^VmHWM:\s+(\d+) kB/m);
    return match ? Number(match[1]) / 1024 : Number.NaN;
  } catch {
    return Number.NaN;
  }
}

/** Current resident memory (VmRSS) of a live process, in MB; NaN if it is gone. */
export function rssMb(pid: number | undefined): number {
  if (pid === undefined) return Number.NaN;
  try {
    const match = fs.readFileSync(`/proc/${pid}/status`, "utf8").match(/^VmRSS:\s+(\d+) kB/m);
    return match ? Number(match[1]) / 1024 : Number.NaN;
  } catch {
    return Number.NaN;
  }
}

/** CPU time (user + system) a live process has used so far, in seconds; NaN if it is gone. */
export function cpuSeconds(pid: number | undefined): number {
  if (pid === undefined) return Number.NaN;
  try {
    // Fields after the command name (which may contain spaces): utime and stime are the 12th and 13th.
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return Number.NaN;
  }
}

/** SIGTERM, then SIGKILL after `graceMs`; resolves once the process is gone. */
export async function stopProcess(child: ChildProcess, graceMs = 30_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
  await exited;
  clearTimeout(timer);
}
