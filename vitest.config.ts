import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

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
    include: ["**/*.test.ts"],
    exclude: ["node_modules/**", ".next/**", ".cache/**", ".data/**", "e2e/**"],
    testTimeout: 30_000,
    hookTimeout: 180_000,
    // Integration suites share one broker and one PostgreSQL server; running files one at a
    // time keeps them from competing for 2 cores and makes failures easier to read.
    fileParallelism: false,
  },
});
