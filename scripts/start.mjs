#!/usr/bin/env node
// `npm start`: installs what is missing and runs the whole app on embedded
// defaults: the SQLite file under data/, the local Kafka broker (unless
// KAFKA_BROKERS names a cluster), the engine process and the web app at
// http://localhost:3000.
import { spawn } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { bootstrap, root, run, step } from "./bootstrap.mjs";

const port = process.env.PORT ?? "3000";
const children = [];
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

  step(`Starting the engine and the web app at http://localhost:${port}`);
  const tsx = path.join(root, "node_modules", "tsx", "dist", "cli.mjs");
  children.push(spawn(process.execPath, [tsx, "--conditions=react-server", "worker/engine-worker.ts"], { cwd: root, stdio: "inherit", env: process.env }));
  children.push(spawn("npx", ["next", "start", "-p", port], { cwd: root, stdio: "inherit", env: process.env }));

  const shutdown = async (code) => {
    if (stopping) return;
    stopping = true;
    for (const child of children) child.kill("SIGTERM");
    if (startedBroker) {
      step("Stopping the Kafka broker");
      await stopBroker();
    }
    process.exit(code);
  };
  process.on("SIGINT", () => shutdown(0));
  process.on("SIGTERM", () => shutdown(0));
  for (const child of children) child.on("exit", (code) => shutdown(code ?? 1));
}

main().catch((error) => {
  console.error(`\n✖ ${error instanceof Error ? error.message : error}`);
  process.exit(1);
});
