import { defineConfig } from "@playwright/test";

// Each run gets its own SQLite file so every suite starts from an empty database. Workers
// re-evaluate this file; the environment variable keeps them on the server's file.
process.env.E2E_DATABASE_URL ??= `file:./.data/e2e/e2e-${new Date().toISOString().replace(/[:.]/g, "-")}.db`;

const port = 3100;
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
  webServer: {
    // The production build; `next build` runs before the tests (scripts/test-all.mjs).
    command: `npx next start -p ${port}`,
    url: `${baseURL}/api/pipelines`,
    env: { DATABASE_URL: process.env.E2E_DATABASE_URL },
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: "ignore",
    stderr: "pipe",
  },
});
