import { mkdirSync } from "node:fs";
import path from "node:path";
import { chromium, expect, type FullConfig } from "@playwright/test";
import { e2eAdmin, storageStatePath } from "./support/accounts";

/**
 * Before any spec: the first visit, as a person would make it. The fresh
 * server sends the browser to /setup, the form creates the admin account, and
 * the signed-in state is saved for every spec (`use.storageState`). There is
 * no test-only way in: the specs hold a real session cookie.
 */
export default async function globalSetup(config: FullConfig) {
  const use = config.projects[0]!.use;
  const browser = await chromium.launch(use.launchOptions);
  try {
    const page = await browser.newPage({ baseURL: use.baseURL });
    await page.goto("/");
    await expect(page).toHaveURL(/\/setup$/);
    await page.screenshot({ path: "e2e/.output/security/setup.png" });
    await page.getByLabel("Your name").fill(e2eAdmin.name);
    await page.getByLabel("E-mail").fill(e2eAdmin.email);
    await page.getByLabel("Password", { exact: true }).fill(e2eAdmin.password);
    await page.getByLabel("Repeat the password").fill(e2eAdmin.password);
    await page.getByRole("button", { name: "Create admin account" }).click();
    await expect(page.getByTestId("signed-in-user")).toContainText(e2eAdmin.name, { timeout: 30_000 });
    mkdirSync(path.dirname(storageStatePath), { recursive: true });
    await page.context().storageState({ path: storageStatePath });
  } finally {
    await browser.close();
  }
}
