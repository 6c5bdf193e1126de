// Process supervision for `npm start` (scripts/start.mjs): each service runs in
// its own process group, is restarted with a backoff when it dies, and is
// ended group and all (a `next start` forks `next-server`; a crashed leader
// can leave its children behind) when the supervisor stops.
import { spawn } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";

/** A run that lasted this long was healthy: the next crash starts the backoff over. */
const healthyAfterMs = 60_000;
const firstDelayMs = 1_000;
const maxDelayMs = 30_000;

/**
 * @typedef {{ name: string, command: string, args: string[], cwd?: string, env?: NodeJS.ProcessEnv,
 *   log?: (message: string) => void, stdio?: import("node:child_process").StdioOptions }} ServiceSpec
 * @typedef {{ name: string, readonly pid: number | undefined, readonly restarts: number, stop: (graceMs?: number) => Promise<void> }} Service
 */

/**
 * Starts a service and keeps it running: when it exits on its own it is
 * restarted after 1 s, 2 s, 4 s … up to 30 s (back to 1 s after a minute of
 * health), and the log says why it ended. `stop` ends its whole process group.
 * @param {ServiceSpec} spec
 * @returns {Service}
 */
export function supervise(spec) {
  const log = spec.log ?? ((message) => process.stderr.write(`[supervisor] ${message}\n`));
  /** @type {import("node:child_process").ChildProcess | null} */
  let child = null;
  let stopping = false;
  let attempt = 0;
  let restarts = 0;
  /** @type {NodeJS.Timeout | null} */
  let timer = null;

  const launch = () => {
    const startedAt = Date.now();
    const current = spawn(spec.command, spec.args, { cwd: spec.cwd, env: spec.env ?? process.env, stdio: spec.stdio ?? "inherit", detached: true });
    child = current;
    current.on("error", (error) => log(`${spec.name} could not start: ${error.message}`));
    current.on("exit", (code, signal) => {
      // Whatever the leader left in its group (a forked server holding the port) goes with it.
      if (current.pid) killGroup(current.pid, "SIGKILL");
      if (stopping) return;
      if (Date.now() - startedAt > healthyAfterMs) attempt = 0;
      const delay = Math.min(maxDelayMs, firstDelayMs * 2 ** attempt++);
      restarts += 1;
      log(`${spec.name} ended (${signal ? `killed by ${signal}` : `exit code ${code}`}) after ${Math.round((Date.now() - startedAt) / 1000)} s; restarting in ${delay / 1000} s`);
      timer = setTimeout(launch, delay);
    });
  };
  launch();

  return {
    name: spec.name,
    get pid() {
      return child?.pid;
    },
    get restarts() {
      return restarts;
    },
    async stop(graceMs = 10_000) {
      stopping = true;
      if (timer) clearTimeout(timer);
      if (child?.pid) await endGroup(child.pid, graceMs);
    },
  };
}

/**
 * Ends a process group: SIGTERM, then SIGKILL for whatever is left after
 * `graceMs`. Resolves when no process of the group remains.
 * @param {number} pgid
 * @param {number} graceMs
 */
export async function endGroup(pgid, graceMs = 10_000) {
  killGroup(pgid, "SIGTERM");
  const deadline = Date.now() + graceMs;
  while (groupAlive(pgid) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
  if (groupAlive(pgid)) killGroup(pgid, "SIGKILL");
  while (groupAlive(pgid)) await new Promise((resolve) => setTimeout(resolve, 50));
}

/** @param {number} pgid @param {NodeJS.Signals} signal */
function killGroup(pgid, signal) {
  try {
    process.kill(-pgid, signal);
  } catch {
    // ESRCH: nothing left in the group.
  }
}

/**
 * Whether any process of the group is alive. Signal 0 also reaches zombies,
 * which are dead and only wait to be reaped (by init, late on some machines),
 * so on Linux the process table decides. @param {number} pgid
 */
export function groupAlive(pgid) {
  try {
    process.kill(-pgid, 0);
  } catch {
    return false;
  }
  return liveMemberOnLinux(pgid) ?? true;
}

/** Whether /proc lists a process of the group that is not a zombie; null where there is no /proc. @param {number} pgid */
function liveMemberOnLinux(pgid) {
  let entries;
  try {
    entries = readdirSync("/proc");
  } catch {
    return null;
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    let stat;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, "utf8");
    } catch {
      continue; // ended while we looked
    }
    // "pid (comm) state ppid pgrp …": comm may hold spaces and parentheses, so read after the last ")".
    const [state, , group] = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    if (Number(group) === pgid && state !== "Z" && state !== "X") return true;
  }
  return false;
}
