import { defineConfig } from "@playwright/test";

// Each run gets its own SQLite file so every suite starts from an empty database. Workers
// re-evaluate this file; the environment variable keeps them on the server's file.
process.env.E2E_DATABASE_URL ??= `file:./.data/e2e/e2e-${new Date().toISOString().replace(/[:.]/g, "-")}.db`;
// The engine publishes telemetry to a topic of this run's own, so earlier runs' history never shows.
process.env.E2E_TELEMETRY_TOPIC ??= `streamline.telemetry.e2e-${Date.now().toString(36)}`;

// E2E_PORT lets two checkouts run their suites side by side; the engine's health port is the next one.
const port = Number(process.env.E2E_PORT ?? 3100);
const enginePort = port + 1;
const baseURL = `http://127.0.0.1:${port}`;

export default defineConfig({
  testDir: "./e2e",
  // Screenshots for the docs are regenerated on demand: `npx playwright test --grep @screenshots`.
  grepInvert: process.argv.some((arg) => arg.includes("@screenshots")) ? undefined : /@screenshots/,
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: Boolean(process.env.CI),
  timeout: 60_000,
  expect: { timeout: 10_000 },
  outputDir: "./test-results",
  reporter: [["list"]],
  use: {
    baseURL,
    screenshot: "only-on-failure",
    trace: "on-first-retry",
    viewport: { width: 1440, height: 900 },
    launchOptions: {
      // Debian's Chromium: the test run never downloads a browser.
      executablePath: "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-dev-shm-usage",
      ],
    },
  },
  projects: [{ name: "chromium" }],
  webServer: [
    {
      // The production build; `next build` runs before the tests (scripts/test-all.mjs).
      command: `npx next start -p ${port}`,
      url: `${baseURL}/api/pipelines`,
      env: { DATABASE_URL: process.env.E2E_DATABASE_URL, STREAMLINE_TELEMETRY_TOPIC: process.env.E2E_TELEMETRY_TOPIC },
      reuseExistingServer: false,
      timeout: 120_000,
      stdout: "ignore",
      stderr: "pipe",
    },
    {
      // The engine as its own process, on the same database and the real broker.
      command: "node node_modules/tsx/dist/cli.mjs --conditions=react-server worker/engine-worker.ts",
      url: `http://127.0.0.1:${enginePort}/healthz`,
      env: { DATABASE_URL: process.env.E2E_DATABASE_URL, STREAMLINE_TELEMETRY_TOPIC: process.env.E2E_TELEMETRY_TOPIC, ENGINE_HEALTH_PORT: String(enginePort) },
      reuseExistingServer: false,
      timeout: 120_000,
      stdout: "ignore",
      stderr: "pipe",
    },
  ],
});
