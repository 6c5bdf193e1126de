import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { groupAlive, supervise } from "./supervisor.mjs";

/**
 * The supervisor `npm start` uses, on real processes: a "server" that forks a
 * child of its own (as `next start` forks `next-server`), killed with SIGKILL,
 * restarted, and stopped with nothing left in the process table.
 */

// Forks a child that idles, and idles.
const server = `
const { spawn } = require("node:child_process");
const child = spawn(process.execPath, ["-e", "setInterval(() => {}, 1000)"], { stdio: "ignore" });
setInterval(() => {}, 1000);
`;

/**
 * Live pids in the process table whose process group is one of `pgids`. Zombies are left out: they
 * are dead and hold nothing, and where PID 1 is slow to reap them (this sandbox) they linger a while.
 */
function processesIn(pgids: number[]): number[] {
  const table = execFileSync("ps", ["-eo", "pid=,pgid=,stat="], { encoding: "utf8" });
  return table
    .split("\n")
    .map((line) => line.trim().split(/\s+/))
    .filter(([pid, pgid, stat]) => pid && pgids.includes(Number(pgid)) && !stat?.startsWith("Z"))
    .map(([pid]) => Number(pid));
}

const until = async (check: () => boolean, timeoutMs = 20_000) => {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error("timed out");
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
};

describe("supervise", () => {
  it("restarts a service killed with SIGKILL, takes its orphaned child down, and stops with no process left", { timeout: 60_000 }, async () => {
    const logs: string[] = [];
    const service = supervise({
      name: "server",
      command: process.execPath,
      args: ["-e", server],
      stdio: ["ignore", "pipe", "inherit"],
      log: (message) => logs.push(message),
    });
    await until(() => service.pid !== undefined && processesIn([service.pid]).length === 2);
    const first = service.pid!;

    process.kill(first, "SIGKILL");
    await until(() => service.pid !== first && service.pid !== undefined && processesIn([service.pid]).length === 2);
    // The old leader's child would have been orphaned (and kept a port): it goes with its group. The
    // group is killed when the leader's exit is seen, so the child may outlive the restart by a moment.
    await until(() => processesIn([first]).length === 0, 5_000);
    expect(processesIn([first])).toEqual([]);
    expect(groupAlive(first)).toBe(false);
    expect(service.restarts).toBe(1);
    expect(logs.join("\n")).toMatch(/server ended \(killed by SIGKILL\) after \d+ s; restarting in 1 s/);

    const second = service.pid!;
    await service.stop(5_000);
    expect(processesIn([first, second])).toEqual([]);
  });

  it("ends a service that ignores SIGTERM with SIGKILL after the grace period", { timeout: 30_000 }, async () => {
    const service = supervise({ name: "stubborn", command: process.execPath, args: ["-e", "process.on('SIGTERM', () => {}); setInterval(() => {}, 1000)"], stdio: "ignore", log: () => undefined });
    await until(() => service.pid !== undefined && processesIn([service.pid]).length === 1);
    const pid = service.pid!;
    // Node needs a moment before its SIGTERM handler is installed.
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    const begin = Date.now();
    await service.stop(1_000);
    expect(Date.now() - begin).toBeGreaterThanOrEqual(900);
    expect(processesIn([pid])).toEqual([]);
  });
});
