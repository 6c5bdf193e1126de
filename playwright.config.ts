import { defineConfig } from "@playwright/test";

// Each run gets its own SQLite file so every suite starts from an empty database. Workers
// re-evaluate this file; the environment variable keeps them on the server's file.
process.env.E2E_DATABASE_URL ??= `file:./.data/e2e/e2e-${new Date().toISOString().replace(/[:.]/g, "-")}.db`;
// The engine publishes telemetry to a topic of this run's own, so earlier runs' history never shows.
process.env.E2E_TELEMETRY_TOPIC ??= `streamline.telemetry.e2e-${Date.now().toString(36)}`;

// The admin's signed-in browser state, written by the global setup (e2e/global-setup.ts) for this run.
process.env.E2E_STORAGE_STATE ??= `.data/e2e/storage-state-${Date.now().toString(36)}.json`;

// E2E_PORT lets two checkouts run their suites side by side; the engine's health port is the next one.
const port = Number(process.env.E2E_PORT ?? 3100);
const enginePort = port + 1;
const baseURL = `http://127.0.0.1:${port}`;

// `npm test` runs the suite in two passes (scripts/test-all.mjs), each on a fresh server and database:
// E2E_SET=shared runs every spec that shares the app with others on two workers; E2E_SET=exclusive then
// runs, alone, the specs tagged @exclusive (they empty the pipeline list, SIGKILL the shared engine or
// start a whole second app). Without E2E_SET everything runs on one worker, as a person would run it.
const set = process.env.E2E_SET;
const screenshotsAsked = process.argv.some((arg) => arg.includes("@screenshots"));

export default defineConfig({
  testDir: "./e2e",
  // The first visit creates the admin through the setup page; every spec starts signed in as them.
  globalSetup: "./e2e/global-setup.ts",
  // Screenshots for the docs are regenerated on demand: `npx playwright test --grep @screenshots`.
  grep: set === "exclusive" ? /@exclusive/ : undefined,
  grepInvert: screenshotsAsked ? undefined : set === "shared" ? /@screenshots|@exclusive/ : /@screenshots/,
  fullyParallel: false,
  workers: set === "shared" ? 2 : 1,
  // Under `npm test` a failed spec runs once more (with a trace); Playwright then reports it as flaky, by name.
  retries: set ? 1 : 0,
  forbidOnly: Boolean(process.env.CI),
  timeout: 60_000,
  expect: { timeout: 10_000 },
  outputDir: "./test-results",
  reporter: [["list"]],
  use: {
    baseURL,
    storageState: process.env.E2E_STORAGE_STATE,
    // Cookie-authenticated writes must name their origin (the CSRF check). Browsers send it by
    // themselves; Playwright's API client (the specs' request seeding) does not, so it is set here.
    extraHTTPHeaders: { origin: baseURL },
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
      url: `${baseURL}/api/auth/setup`,
      env: { DATABASE_URL: process.env.E2E_DATABASE_URL, STREAMLINE_TELEMETRY_TOPIC: process.env.E2E_TELEMETRY_TOPIC },
      reuseExistingServer: false,
      timeout: 120_000,
      stdout: "ignore",
      stderr: "pipe",
    },
    {
      // The engine as its own process, on the same database and the real broker.
      // The plain Node bundle, as `npm start` and the Docker image run it (no tsx, no react-server condition).
      // A SIGKILL'ed engine (exit 137) is started again, as `npm start`'s supervisor would: e2e/operators.spec.ts
      // crashes it to check that state survives. Any other exit still ends it.
      command:
        "node scripts/build-engine.mjs && while node --enable-source-maps .cache/engine/engine-worker.mjs; [ $? -eq 137 ]; do echo 'e2e: the engine was killed; starting it again' >&2; done",
      url: `http://127.0.0.1:${enginePort}/healthz`,
      env: { DATABASE_URL: process.env.E2E_DATABASE_URL, STREAMLINE_TELEMETRY_TOPIC: process.env.E2E_TELEMETRY_TOPIC, ENGINE_HEALTH_PORT: String(enginePort) },
      reuseExistingServer: false,
      timeout: 120_000,
      stdout: "ignore",
      stderr: "pipe",
    },
  ],
});
