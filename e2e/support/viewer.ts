import { expect, type Browser, type APIRequestContext, type Page } from "@playwright/test";

/**
 * Creates a viewer account through the admin's API and returns a page signed in as that
 * viewer (a browser context of its own, with the viewer's real session cookie).
 */
export async function signedInViewer(request: APIRequestContext, browser: Browser, baseURL: string | undefined): Promise<Page> {
  const viewer = { name: "Vic Viewer", email: `vic-${Date.now().toString(36)}@example.test`, password: "vic's long passphrase 7" };
  const created = await request.post("/api/users", { data: { ...viewer, role: "viewer" } });
  expect(created.status(), await created.text()).toBe(201);
  const context = await browser.newContext({ baseURL, storageState: { cookies: [], origins: [] } });
  const page = await context.newPage();
  await page.goto("/login");
  await page.getByLabel("E-mail").fill(viewer.email);
  await page.getByLabel("Password").fill(viewer.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("signed-in-user")).toBeVisible({ timeout: 60_000 });
  return page;
}
