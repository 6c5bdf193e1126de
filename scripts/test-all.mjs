#!/usr/bin/env node
// `npm test`: every test, on a fresh clone as on a working copy.
//   1. dependencies and generated clients
//   2. Debian's Chromium for Playwright
//   3. the local Kafka broker (unless KAFKA_BROKERS names a cluster), the local Flink
//      session cluster (unless FLINK_REST_URL names one) and the local Schema Registry
//      (unless SCHEMA_REGISTRY_URL names one)
//   4. two lanes side by side: the unit and integration tests (Vitest: SQLite, PostgreSQL
//      and the real broker) in one; the Flink suites, then the benchmark's quick mode
//      (bench/run.ts --quick), then the CPU-bound suites, in the other
//   5. production build + Playwright end-to-end
// Pass `--unit` or `--e2e` to run one half.
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { bootstrap, root, run, step } from "./bootstrap.mjs";

const only = process.argv.includes("--unit") ? "unit" : process.argv.includes("--e2e") ? "e2e" : "all";
const started = Date.now();
const results = [];

async function main() {
  step("Preparing dependencies");
  await bootstrap();
  if (only !== "unit") run("bash", ["scripts/ensure-chromium.sh"]);

  // The Schema Registry's first build takes minutes on 2 cores: it runs while the broker and Flink start.
  // The format tests (engine/formats, connections) need it; in memory, so each run starts empty.
  const { startRegistry, stopRegistry } = await import("./registry.mjs");
  const registryStart = !process.env.SCHEMA_REGISTRY_URL && only !== "e2e" ? startRegistry().then((r) => ({ r }), (error) => ({ error })) : null;
  const { startBroker, stopBroker } = await import("./kafka.mjs");
  let startedBroker = false;
  if (!process.env.KAFKA_BROKERS) {
    step("Starting the local Kafka broker");
    startedBroker = (await startBroker()).startedNow;
  }
  const { startFlink, stopFlink } = await import("./flink.mjs");
  let startedFlink = false;
  if (!process.env.FLINK_REST_URL) {
    // The Flink differential suite, the Flink deployment tests and the Flink e2e spec share one cluster.
    step("Starting the local Flink session cluster");
    startedFlink = (await startFlink()).startedNow;
  }
  let startedRegistry = false;
  if (registryStart) {
    step("Waiting for the local Schema Registry");
    const started = await registryStart;
    if ("error" in started) throw started.error;
    startedRegistry = started.r.startedNow;
  }
  try {
    if (only !== "e2e") {
      // Two lanes side by side, each one file at a time (vitest.config.ts): the Flink suites, then the
      // benchmark's quick mode, then the CPU-bound suites, in one; every other Vitest file in the other.
      // Most of a Flink suite's or an integration suite's time is spent waiting on the cluster or the broker.
      step("Unit and integration tests (Vitest) beside the Flink suites and the benchmark smoke run");
      const begin = Date.now();
      const [main, side] = await Promise.all([
        lane(null, "npx", ["vitest", "run", "--project", "main"]),
        lane("flink", "npx", ["vitest", "run", "--project", "flink"]).then(async (flink) => {
          const flinkSeconds = (Date.now() - begin) / 1000;
          // The benchmark's quick mode: every workload once on small inputs, to prove the harness still works (not a speed test).
          const bench = await lane("bench", "npx", ["tsx", "bench/run.ts", "--quick"]);
          const benchSeconds = (Date.now() - begin) / 1000 - flinkSeconds;
          // CPU-bound suites (vitest.config.ts) last: beside the main lane's broker-bound files, not beside the benchmark.
          // The route fuzzing runs 60 cases per handler here (2,880 requests; FUZZ_RUNS, 120 when run alone).
          const cpu = await lane("cpu", "npx", ["vitest", "run", "--project", "cpu"], { FUZZ_RUNS: process.env.FUZZ_RUNS ?? "60" });
          return { flink, flinkSeconds, bench, benchSeconds, cpu, cpuSeconds: (Date.now() - begin) / 1000 - flinkSeconds - benchSeconds };
        }),
      ]);
      results.push({ name: "Unit and integration tests (Vitest, main lane)", ok: main || (await rerunFailedFiles("main")), seconds: (Date.now() - begin) / 1000 });
      results.push({ name: "Flink suites (Vitest, side lane)", ok: side.flink || (await rerunFailedFiles("flink")), seconds: side.flinkSeconds });
      results.push({ name: "Benchmark smoke run (npm run bench:quick, side lane)", ok: side.bench, seconds: side.benchSeconds });
      results.push({ name: "CPU-bound suites (Vitest, side lane)", ok: side.cpu || (await rerunFailedFiles("cpu")), seconds: side.cpuSeconds });
    }
    if (only !== "unit") {
      stage("Production build (next build)", () => run("npx", ["next", "build"]));
      if (results.at(-1).ok) {
        // Two passes on fresh servers (playwright.config.ts): the specs that share the app on two workers,
        // then alone the few that empty the pipeline list, kill the engine or start a second app.
        stage("End-to-end tests (Playwright, Chromium, 2 workers)", () => run("npx", ["playwright", "test"], { env: { E2E_SET: "shared" } }));
        stage("End-to-end tests (Playwright, Chromium, the @exclusive specs alone)", () => run("npx", ["playwright", "test"], { env: { E2E_SET: "exclusive" } }));
      }
    }
  } finally {
    if (startedRegistry && process.env.KEEP_REGISTRY !== "1") {
      step("Stopping the Schema Registry this run started (KEEP_REGISTRY=1 keeps it)");
      await stopRegistry();
    }
    if (startedFlink && process.env.KEEP_FLINK !== "1") {
      step("Stopping the Flink cluster this run started (KEEP_FLINK=1 keeps it)");
      await stopFlink();
    }
    if (startedBroker && process.env.KEEP_BROKER !== "1") {
      step("Stopping the Kafka broker this run started (KEEP_BROKER=1 keeps it)");
      await stopBroker();
    }
  }
}

/**
 * What each lane said about its failures: CI shows only the tail of the log, so the summary repeats the
 * failing tests' names and first error lines (Vitest's "FAIL" and "×" lines and the line after a FAIL).
 */
const failureNotes = [];
/** Vitest project → the test files its lane reported failing. */
const failedFiles = new Map();
/** Test files that failed in their lane and passed when run again alone: listed in the summary as flaky. */
const flakyFiles = [];

/**
 * A lane's failed test files, run once more on their own after both lanes ended. A file that passes then
 * failed on timing under the two lanes' load, not on its assertion; it is named in the summary as flaky
 * so it gets looked at, and does not fail the run. A file that fails again fails the run. Only a few
 * files are tried again: many failures at once are not flakiness.
 */
async function rerunFailedFiles(project) {
  const files = [...(failedFiles.get(project) ?? [])];
  if (files.length === 0 || files.length > 3) return false;
  step(`Running the ${project} lane's failed files again, alone: ${files.join(", ")}`);
  const ok = await lane(`${project} again`, "npx", ["vitest", "run", "--project", project, ...files], project === "cpu" ? { FUZZ_RUNS: process.env.FUZZ_RUNS ?? "60" } : {});
  if (ok) flakyFiles.push(...files.map((file) => `${file} (${project} lane)`));
  return ok;
}
// eslint-disable-next-line no-control-regex
const ansi = /\x1b\[[0-9;]*m/g;

/**
 * Runs a command without blocking the other lane; resolves to whether it exited 0. A named lane's
 * lines are prefixed with its name, so two lanes' output stays readable when interleaved.
 */
function lane(name, command, args, env = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, ...env } });
    const prefix = name ? `[${name}] ` : "";
    let keepNext = 0;
    for (const [from, to] of [[child.stdout, process.stdout], [child.stderr, process.stderr]]) {
      createInterface({ input: from }).on("line", (line) => {
        to.write(`${prefix}${line}\n`);
        const plain = line.replace(ansi, "");
        const failure = /^\s*(FAIL|×|✗)\s/.test(plain);
        if ((failure || keepNext > 0) && plain.trim() && failureNotes.length < 120) failureNotes.push(`${prefix}${plain.trim().slice(0, 300)}`);
        if (failure && /^\s*FAIL\s/.test(plain)) {
          keepNext = 3;
          const file = plain.match(/(\S+\.test\.ts)/)?.[1];
          const project = args[args.indexOf("--project") + 1];
          if (file && project) failedFiles.set(project, new Set([...(failedFiles.get(project) ?? []), file]));
        }
        else if (keepNext > 0 && plain.trim()) keepNext -= 1;
      });
    }
    child.on("error", (error) => {
      console.error(`✖ ${command} ${args.join(" ")}: ${error.message}`);
      resolve(false);
    });
    child.on("close", (code) => resolve(code === 0));
  });
}

function stage(name, work) {
  step(name);
  const begin = Date.now();
  try {
    work();
    results.push({ name, ok: true, seconds: (Date.now() - begin) / 1000 });
  } catch {
    results.push({ name, ok: false, seconds: (Date.now() - begin) / 1000 });
  }
}

main()
  .catch((error) => {
    console.error(`\n✖ ${error instanceof Error ? error.message : error}`);
    results.push({ name: "setup", ok: false, seconds: 0 });
  })
  .finally(() => {
    if (failureNotes.length > 0) {
      console.log("\nFailures the Vitest lanes reported (first lines)");
      for (const note of failureNotes) console.log(`  ${note}`);
    }
    if (flakyFiles.length > 0) {
      console.log("\nFlaky: failed in their lane, passed when run again alone (look at these)");
      for (const file of flakyFiles) console.log(`  ${file}`);
    }
    console.log("\nSummary");
    for (const r of results) console.log(`  ${r.ok ? "✔" : "✖"} ${r.name} (${r.seconds.toFixed(0)} s)`);
    const failed = results.filter((r) => !r.ok).length;
    console.log(`  total ${((Date.now() - started) / 1000).toFixed(0)} s in ${root}`);
    process.exitCode = failed || results.length === 0 ? 1 : 0;
  });
