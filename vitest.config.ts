import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

/**
 * The suites that drive the shared Flink session cluster. They run one at a time in a lane of their own
 * (flink-scale kills a TaskManager, which would fail over any other job of the cluster), beside the lane
 * of every other file: most of a Flink suite's time is spent waiting for the cluster, not on the CPU.
 */
const flinkSuites = [
  "engine/runners/flink/flink-differential.test.ts",
  "worker/flink-reconciler.test.ts",
  "worker/flink-sasl.test.ts",
  "worker/flink-scale.test.ts",
];

/**
 * CPU-bound suites that need no broker: they run in the Flink lane after the benchmark's smoke run, when
 * that lane is idle, instead of competing with it for the CPU (the route fuzzing took 4× as long beside it).
 */
const cpuBoundSuites = ["app/api/route-fuzz.test.ts"];

export default defineConfig({
  resolve: {
    alias: {
      "@": fileURLToPath(new URL(".", import.meta.url)),
      // Route handlers and server modules import "server-only" to keep them out of client bundles;
      // under Vitest they run on the server, which is what the marker's empty build is for.
      "server-only": fileURLToPath(new URL("./node_modules/server-only/empty.js", import.meta.url)),
    },
  },
  test: {
    exclude: ["node_modules/**", ".next/**", ".cache/**", ".data/**", "e2e/**"],
    testTimeout: 30_000,
    hookTimeout: 180_000,
    // Integration suites share one broker and one PostgreSQL server: files run one at a time. `npm test`
    // (scripts/test-all.mjs) runs the two projects as two processes side by side, two lanes of one file each;
    // `npx vitest run` runs them one after the other. Each file creates its own topics and databases.
    fileParallelism: false,
    projects: [
      { extends: true, test: { name: "flink", include: flinkSuites } },
      { extends: true, test: { name: "cpu", include: cpuBoundSuites } },
      { extends: true, test: { name: "main", include: ["**/*.test.ts"], exclude: [...flinkSuites, ...cpuBoundSuites, "node_modules/**", ".next/**", ".cache/**", ".data/**", "e2e/**"] } },
    ],
  },
});
