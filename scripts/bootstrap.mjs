// Brings a fresh clone to a runnable state: npm dependencies installed from the
// lockfile and the Prisma clients generated. Uses only Node built-ins because
// it runs before node_modules exists.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** Prints a step the way all our scripts do. */
export function step(message) {
  console.log(`\n\u25b6 ${message}`);
}

/** Runs a command in the repository, inheriting the terminal; throws when it fails. */
export function run(command, args, options = {}) {
  execFileSync(command, args, { cwd: root, stdio: "inherit", ...options, env: { ...process.env, ...options.env } });
}

/**
 * Installs npm dependencies from the lockfile when node_modules is missing or
 * older than the lockfile. `npm install` rather than `npm ci`: npm 11 here
 * writes lockfiles with only this platform's optional native packages
 * (Next's SWC, Tailwind's oxide), which `npm ci` then reports as missing.
 */
export function ensureDependencies() {
  const lock = readFileSync(path.join(root, "package-lock.json"));
  const hash = createHash("sha256").update(lock).digest("hex");
  const marker = path.join(root, "node_modules", ".streamline-lock-hash");
  if (existsSync(marker) && readFileSync(marker, "utf8") === hash) return;
  step("Installing npm dependencies (npm install, from package-lock.json)");
  run("npm", ["install", "--no-audit", "--no-fund"]);
  writeFileSync(marker, hash);
}

/** Installs dependencies, then generates the Prisma clients for SQLite and PostgreSQL. */
export async function bootstrap() {
  ensureDependencies();
  const { generateClients } = await import("./prisma.mjs");
  if (generateClients()) console.log("Generated Prisma clients for SQLite and PostgreSQL.");
}
