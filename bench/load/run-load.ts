// The API load benchmark (issue 14): `npm run bench:load` (or `npm run bench -- load`).
// Starts the production web app (`next start`) and the engine process on a
// fresh database — SQLite, then PostgreSQL — deploys a few pipelines for the
// engine to run, and sends C concurrent clients over HTTP on loopback. Writes
// requests/s, p50 and p99 into bench/RESULTS.md (its "API under load" section).
//
//   tsx bench/load/run-load.ts [--clients 50] [--rounds 4] [--background 5] [--only sqlite|postgresql]
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Kafka, logLevel } from "kafkajs";
import pg from "pg";
import { wordCountTemplate } from "../../engine/graph";
import { findLostWrites, percentileOf, runLoad, serverErrors, type LoadResult, type Transport } from "./load-clients";
import { createTopicsAndWait } from "../../engine/kafka/topic-readiness";

const root = path.join(import.meta.dirname, "..", "..");
const log = (message: string) => process.stderr.write(`[load ${new Date().toISOString().slice(11, 19)}] ${message}\n`);

function parseArgs(argv: string[]) {
  const value = (name: string) => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  return {
    clients: Number(value("clients") ?? 50),
    rounds: Number(value("rounds") ?? 4),
    background: Number(value("background") ?? 5),
    port: Number(value("port") ?? process.env.LOAD_PORT ?? 3190),
    only: value("only") ?? null,
    out: value("out") ?? path.join(root, "bench", "RESULTS.md"),
  };
}

type Run = { provider: string; clients: number; result: LoadResult; lost: string[] };

/** A transport over HTTP with an API token. */
function httpTransport(base: string, token: string): Transport {
  return async (method, url, body) => {
    const response = await fetch(`${base}${url}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { "content-type": "application/json" }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : null, headers: response.headers };
  };
}

async function waitForHttp(url: string, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await fetch(url).then((r) => r.ok, () => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`${url} did not answer within ${timeoutMs / 1000} s`);
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.pid === undefined) return Promise.resolve();
  return new Promise((resolve) => {
    child.once("exit", () => resolve());
    // Each child leads its own process group (next start forks next-server): end the group.
    process.kill(-child.pid!, "SIGTERM");
  });
}

async function freshDatabase(provider: string, stamp: string): Promise<{ url: string; drop: () => Promise<void> }> {
  if (provider === "sqlite") {
    const file = path.join(root, ".data", "load", `load-${stamp}.db`);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    return { url: `file:${file}`, drop: async () => ["", "-wal", "-shm"].forEach((s) => fs.rmSync(file + s, { force: true })) };
  }
  const admin = process.env.TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
  const name = `streamline_load_${stamp.replace(/\W/g, "_")}`;
  const exec = async (sql: string) => {
    const client = new pg.Client({ connectionString: admin });
    await client.connect();
    await client.query(sql).finally(() => client.end());
  };
  await exec(`CREATE DATABASE "${name}"`);
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => exec(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`) };
}

async function runOne(provider: string, options: ReturnType<typeof parseArgs>): Promise<Run> {
  const stamp = `${provider}-${Date.now().toString(36)}`;
  const database = await freshDatabase(provider, stamp);
  const base = `http://127.0.0.1:${options.port}`;
  const env = { ...process.env, DATABASE_URL: database.url, STREAMLINE_TELEMETRY_TOPIC: `streamline.telemetry.load-${Date.now().toString(36)}`, LOG_LEVEL: "warn" };
  const web = spawn("npx", ["next", "start", "-p", String(options.port)], { cwd: root, env, stdio: ["ignore", "ignore", "inherit"], detached: true });
  const engine = spawn(process.execPath, engineCommand(), { cwd: root, env, stdio: ["ignore", "ignore", "inherit"], detached: true });
  try {
    await waitForHttp(`${base}/api/auth/setup`);
    const origin = { origin: base, "content-type": "application/json" };
    const setup = await fetch(`${base}/api/auth/setup`, { method: "POST", headers: origin, body: JSON.stringify({ name: "Load", email: "load@example.test", password: "load test password 1" }) });
    if (setup.status !== 201) throw new Error(`setup answered ${setup.status}: ${await setup.text()}`);
    const cookie = setup.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
    const minted = await fetch(`${base}/api/tokens`, { method: "POST", headers: { ...origin, cookie }, body: JSON.stringify({ name: "load" }) });
    const { secret } = (await minted.json()) as { secret: string };
    const transport = httpTransport(base, secret);

    const topics = { input: `streamline-load-${stamp}-in`, output: `streamline-load-${stamp}-out` };
    // The deployments' topics must exist, or their runners fail (and show `degraded`) instead of running.
    await createTopics([topics.input, topics.output]);
    const graph = wordCountTemplate(topics);
    const running: string[] = [];
    for (let i = 0; i < options.background; i += 1) {
      const created = await transport("POST", "/api/pipelines", { name: `background-${i}`, graph });
      await transport("POST", `/api/pipelines/${created.body.pipeline.id}/deploy`, {});
      running.push(created.body.pipeline.id);
    }
    const deadline = Date.now() + 120_000;
    const statuses = async () => Promise.all(running.map(async (id) => (await transport("GET", `/api/pipelines/${id}/status`)).body.deployment?.status));
    while ((await statuses()).some((s) => s !== "running") && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 500));
    log(`${provider}: ${options.background} deployments ${JSON.stringify(await statuses())}; ${options.clients} clients × ${options.rounds} rounds`);

    // A short warm-up, so the first compilations of each route are not in the figures.
    await runLoad({ transport, clients: 2, rounds: 1, graph, prefix: `warm-${stamp}`, deployEvery: 1 });
    const result = await runLoad({ transport, clients: options.clients, rounds: options.rounds, graph, prefix: `load-${stamp}`, deployEvery: 2, busyRetries: 0 });
    const lost = await findLostWrites(transport, result);
    log(`${provider}: ${summary(result)}; lost ${lost.length}; failures ${result.failures.slice(0, 5).join(" | ")}`);
    return { provider, clients: options.clients, result, lost };
  } finally {
    await Promise.all([stop(web), stop(engine)]);
    await database.drop().catch(() => undefined);
  }
}

/** Creates the run's topics (one partition each) on KAFKA_BROKERS or the local broker. */
async function createTopics(topics: string[]): Promise<void> {
  const admin = new Kafka({ clientId: "streamline-load", brokers: (process.env.KAFKA_BROKERS ?? "127.0.0.1:9092").split(","), logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    await createTopicsAndWait(admin, topics.map((topic) => ({ topic, numPartitions: 1 })));
  } finally {
    await admin.disconnect();
  }
}

/** The engine as `npm start` runs it: the bundle of scripts/build-engine.mjs (built in main). */
function engineCommand(): string[] {
  return ["--enable-source-maps", path.join(root, ".cache", "engine", "engine-worker.mjs")];
}

function summary(result: LoadResult): string {
  const rps = result.requests / (result.durationMs / 1000);
  return `${result.requests} requests in ${(result.durationMs / 1000).toFixed(1)} s (${rps.toFixed(0)}/s), p50 ${percentileOf(result.latencies, 50).toFixed(0)} ms, p99 ${percentileOf(result.latencies, 99).toFixed(0)} ms, 5xx ${serverErrors(result)}`;
}

/** Replaces the "API under load" section of RESULTS.md (between its markers), keeping the rest. */
function writeSection(file: string, runs: Run[], options: ReturnType<typeof parseArgs>, loadBefore: number[]): void {
  const rows = runs.map(({ provider, result, lost }) => {
    const p99 = percentileOf(result.latencies, 99);
    const errors = serverErrors(result) + result.failures.length;
    const met = provider === "sqlite" ? (errors === 0 && p99 < 500 ? "met" : "missed") : "—";
    return `| ${provider} | ${options.clients} | ${result.requests} | ${(result.requests / (result.durationMs / 1000)).toFixed(0)} | ${percentileOf(result.latencies, 50).toFixed(0)} | ${p99.toFixed(0)} | ${serverErrors(result)} | ${lost.length} | ${met} |`;
  });
  const section = [
    loadStart,
    "## API under load",
    "",
    `Measured ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC on ${os.cpus().length} cores (load average before: ${loadBefore.map((l) => l.toFixed(1)).join(", ")}; after: ${os.loadavg().map((l) => l.toFixed(1)).join(", ")}; other sessions build and test on the same machine, so the figures include their load) by \`npm run bench:load\`: the production web app (\`next start\`) and the engine process on a fresh database, ${options.background} word-count deployments running, then ${options.clients} concurrent clients over HTTP on loopback, each ${options.rounds} rounds of create, read, save with \`baseVersion\`, list, (every other round) deploy, status and stop, and delete of every other pipeline. "Lost" counts acknowledged writes not found afterwards. Target (issue 14): 50 clients, 0 errors, p99 under 500 ms on SQLite.`,
    "",
    "| database | clients | requests | requests/s | p50 ms | p99 ms | 5xx | lost | target |",
    "|---|---|---|---|---|---|---|---|---|",
    ...rows,
    "",
    loadEnd,
  ].join("\n");
  const old = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : "";
  const at = old.indexOf(loadStart);
  const next = at >= 0 ? old.slice(0, at) + section + old.slice(old.indexOf(loadEnd) + loadEnd.length) : `${old.trimEnd()}\n\n${section}\n`;
  fs.writeFileSync(file, next);
}

/** The markers around the load section; bench/report.ts keeps what is between them when it rewrites the file. */
export const loadStart = "<!-- load:start -->";
export const loadEnd = "<!-- load:end -->";

async function main() {
  const options = parseArgs(process.argv.slice(2));
  const loadBefore = os.loadavg();
  if (!fs.existsSync(path.join(root, ".next", "BUILD_ID"))) {
    log("building the web app (next build)");
    spawnSync("npx", ["next", "build"], { cwd: root, stdio: "inherit" });
  }
  const { buildEngine } = (await import("../../scripts/build-engine.mjs" as string)) as { buildEngine: () => Promise<string> };
  await buildEngine();
  const { startBroker } = (await import("../../scripts/kafka.mjs" as string)) as { startBroker: () => Promise<unknown> };
  if (!process.env.KAFKA_BROKERS) await startBroker();
  const runs: Run[] = [];
  for (const provider of ["sqlite", "postgresql"]) {
    if (options.only && options.only !== provider) continue;
    runs.push(await runOne(provider, options));
  }
  writeSection(options.out, runs, options, loadBefore);
  log(`wrote ${path.relative(process.cwd(), options.out)}`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === import.meta.filename) {
  main().catch((error) => {
    log(error instanceof Error ? (error.stack ?? error.message) : String(error));
    process.exit(1);
  });
}
