#!/usr/bin/env node
// `npm start`: installs what is missing and runs the whole app on embedded
// defaults: the SQLite file under data/, the local Kafka broker (unless
// KAFKA_BROKERS names a cluster), the engine process and the web app at
// http://localhost:3000. The engine and the web app are supervised (restarted
// with a backoff when they die; see scripts/supervisor.mjs); Ctrl+C, SIGTERM
// or a fault here ends them with their process groups, the broker if this run
// started it, and a local Flink cluster the engine started on demand.
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { bootstrap, root, run, step } from "./bootstrap.mjs";
import { buildEngine, engineBundle } from "./build-engine.mjs";
import { supervise } from "./supervisor.mjs";

const port = process.env.PORT ?? "3000";
/** @type {import("./supervisor.mjs").Service[]} */
const services = [];
let stopping = false;

/** The newest modification time under the folders a production build is made from. */
function newestSource(dirs) {
  let newest = 0;
  const visit = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) visit(full);
      else newest = Math.max(newest, statSync(full).mtimeMs);
    }
  };
  for (const dir of dirs) if (existsSync(path.join(root, dir))) visit(path.join(root, dir));
  for (const file of ["package-lock.json", "next.config.ts", "postcss.config.mjs"]) {
    if (existsSync(path.join(root, file))) newest = Math.max(newest, statSync(path.join(root, file)).mtimeMs);
  }
  return newest;
}

async function main() {
  step("Preparing dependencies");
  await bootstrap();

  const { startBroker, stopBroker } = await import("./kafka.mjs");
  let startedBroker = false;
  if (!process.env.KAFKA_BROKERS) {
    step("Starting the local Kafka broker on 127.0.0.1:9092");
    startedBroker = (await startBroker()).startedNow;
  } else {
    console.log(`Using the Kafka cluster at ${process.env.KAFKA_BROKERS}`);
  }

  const buildId = path.join(root, ".next", "BUILD_ID");
  if (!existsSync(buildId) || statSync(buildId).mtimeMs < newestSource(["app", "components", "lib", "engine", "generated", "public"])) {
    step("Building the web app (next build)");
    run("npx", ["next", "build"]);
  }

  // A Flink cluster the engine starts on demand is this run's to stop; one already running is not.
  const { flinkStatus, stopFlink } = await import("./flink.mjs");
  const flinkWasRunning = process.env.FLINK_REST_URL ? true : (await flinkStatus()).running;

  step("Bundling the engine process");
  await buildEngine();

  step(`Starting the engine and the web app at http://localhost:${port}`);
  const supervisorLog = (message) => console.log(`${new Date().toISOString()} [start] ${message}`);
  // Each in its own process group, restarted with a backoff when it dies; a crash of one never stops the others or the broker.
  services.push(supervise({ name: "engine", command: process.execPath, args: engineCommand(), cwd: root, log: supervisorLog }));
  services.push(supervise({ name: "web app", command: process.execPath, args: [path.join(root, "node_modules", "next", "dist", "bin", "next"), "start", "-p", port], cwd: root, log: supervisorLog }));

  const shutdown = async (code, reason) => {
    if (stopping) return;
    stopping = true;
    step(`Stopping (${reason})`);
    await Promise.all(services.map((service) => service.stop()));
    if (!flinkWasRunning && (await flinkStatus().catch(() => ({ running: false }))).running) {
      step("Stopping the Flink cluster the engine started");
      await stopFlink().catch((error) => console.error(`Could not stop Flink: ${error.message}`));
    }
    if (startedBroker) {
      step("Stopping the Kafka broker");
      await stopBroker();
    }
    process.exit(code);
  };
  process.on("SIGINT", () => void shutdown(0, "SIGINT"));
  process.on("SIGTERM", () => void shutdown(0, "SIGTERM"));
  process.on("SIGHUP", () => void shutdown(0, "SIGHUP"));
  // A fault in this script itself must not leave the services running without a supervisor.
  process.on("uncaughtException", (error) => void shutdown(1, `fatal: ${error.message}`));
  process.on("unhandledRejection", (error) => void shutdown(1, `fatal: ${error instanceof Error ? error.message : error}`));
}

/** The engine process's command line (after `node`): the plain Node bundle scripts/build-engine.mjs writes. */
function engineCommand() {
  return ["--enable-source-maps", engineBundle];
}

main().catch((error) => {
  console.error(`\n✖ ${error instanceof Error ? error.message : error}`);
  process.exit(1);
});
