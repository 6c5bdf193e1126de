#!/usr/bin/env node
// `npm test`: every test, on a fresh clone as on a working copy.
//   1. dependencies and generated clients      4. unit and integration tests (Vitest):
//   2. Debian's Chromium for Playwright            SQLite, PostgreSQL and the real broker
//   3. the local Kafka broker (unless             5. the benchmark's quick mode (bench/run.ts --quick)
//      KAFKA_BROKERS names a cluster) and the     6. production build + Playwright end-to-end
//      local Flink session cluster (unless
//      FLINK_REST_URL names one) and the local
//      Schema Registry (unless SCHEMA_REGISTRY_URL)
// Pass `--unit` or `--e2e` to run one half.
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
      stage("Unit and integration tests (Vitest)", () => run("npx", ["vitest", "run"]));
      // The benchmark's quick mode: every workload once on small inputs, to prove the harness still works (not a speed test).
      stage("Benchmark smoke run (npm run bench:quick)", () => run("npx", ["tsx", "bench/run.ts", "--quick"]));
    }
    if (only !== "unit") {
      stage("Production build (next build)", () => run("npx", ["next", "build"]));
      if (results.at(-1).ok) stage("End-to-end tests (Playwright, Chromium)", () => run("npx", ["playwright", "test"]));
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
    console.log("\nSummary");
    for (const r of results) console.log(`  ${r.ok ? "✔" : "✖"} ${r.name} (${r.seconds.toFixed(0)} s)`);
    const failed = results.filter((r) => !r.ok).length;
    console.log(`  total ${((Date.now() - started) / 1000).toFixed(0)} s in ${root}`);
    process.exitCode = failed || results.length === 0 ? 1 : 0;
  });
