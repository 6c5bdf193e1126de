import { expect, test, type Browser, type Page } from "@playwright/test";
import { wordCountTemplate } from "@/engine/graph";
import { uniqueName } from "./fixtures/pipelines";
import { e2eAdmin } from "./support/accounts";
import { seedPipeline } from "./support/api";
import { canvasNode, selectNode } from "./support/editor";
import { ordersGraph } from "./support/graphs";
import { createTopic, produce, uniqueToken } from "./support/kafka";

/** Screenshots of the account pages, for people to look at (not compared). */
const shots = "e2e/.output/security";

/** A browser context with nobody signed in and no extra headers: what a stranger's browser looks like. */
async function freshPage(browser: Browser, baseURL: string | undefined): Promise<Page> {
  const context = await browser.newContext({ baseURL, storageState: { cookies: [], origins: [] }, extraHTTPHeaders: {} });
  return context.newPage();
}

async function signIn(page: Page, email: string, password: string) {
  await page.goto("/");
  await expect(page).toHaveURL(/\/login\?next=%2F$/);
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("signed-in-user")).toBeVisible();
}

test.describe("Security", () => {
  test("a stranger is sent to sign in, the setup page stays closed, and a wrong password is refused", async ({ browser, baseURL }) => {
    const page = await freshPage(browser, baseURL);
    await page.goto("/setup");
    await expect(page).toHaveURL(/\/login$/);
    await page.goto("/pipelines/anything/monitor");
    await expect(page).toHaveURL(/\/login\?next=%2Fpipelines%2Fanything%2Fmonitor$/);
    await page.getByLabel("E-mail").fill(e2eAdmin.email);
    await page.getByLabel("Password").fill("not the password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByTestId("form-alert")).toContainText("e-mail address or password is wrong");
    await page.screenshot({ path: `${shots}/login.png` });
    expect((await page.request.get("/api/pipelines")).status()).toBe(401);
    await page.context().close();
  });

  test("signs in, goes back where it was headed, and signs out", async ({ browser, baseURL }) => {
    const page = await freshPage(browser, baseURL);
    await signIn(page, e2eAdmin.email, e2eAdmin.password);
    await expect(page.getByRole("heading", { name: "Pipelines" })).toBeVisible();
    await page.getByTestId("sign-out").click();
    await expect(page).toHaveURL(/\/login$/);
    expect((await page.request.get("/api/pipelines")).status()).toBe(401);
    await page.context().close();
  });

  test("an admin creates a viewer, who can read but not change, and sees no admin pages", async ({ page, browser, baseURL }) => {
    const viewer = { name: "Vera Viewer", email: `vera-${Date.now().toString(36)}@example.test`, password: "vera's long passphrase" };
    await page.goto("/settings/users");
    await page.getByTestId("new-user").click();
    const dialog = page.getByTestId("new-user-dialog");
    await dialog.getByLabel("Name").fill(viewer.name);
    await dialog.getByLabel("E-mail").fill(viewer.email);
    await dialog.getByLabel("Initial password").fill(viewer.password);
    await dialog.getByLabel("Role").selectOption("viewer");
    await dialog.getByTestId("create-user").click();
    await expect(dialog).not.toBeVisible();
    const row = page.getByTestId("user-row").filter({ hasText: viewer.email });
    await expect(row).toBeVisible();
    await page.screenshot({ path: `${shots}/users.png` });
    // Forgotten password: the admin sets a new one.
    await row.getByRole("button", { name: "Password" }).click();
    const reset = page.getByTestId("set-password-dialog");
    await reset.getByLabel("New password").fill("vera's second passphrase");
    await reset.getByRole("button", { name: "Set password" }).click();
    await expect(reset).not.toBeVisible();

    const viewerPage = await freshPage(browser, baseURL);
    await signIn(viewerPage, viewer.email, "vera's second passphrase");
    await expect(viewerPage.getByRole("link", { name: "Users" })).toHaveCount(0);
    await expect(viewerPage.getByRole("heading", { name: "Pipelines" })).toBeVisible();
    await expect(viewerPage.getByTestId("new-pipeline")).toHaveCount(0);
    await viewerPage.goto("/settings/users");
    await expect(viewerPage.getByTestId("admin-only")).toContainText("signed in as viewer");
    // The viewer's own browser, with its real cookie and origin, asking to change something.
    const status = await viewerPage.evaluate(async () => (await fetch("/api/pipelines", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ name: "Nope", graph: { version: 1, nodes: [], edges: [] } }) })).status);
    expect(status).toBe(403);

    // Disabled: the viewer's next request is refused and the page goes to sign in.
    await row.getByRole("button", { name: "Disable" }).click();
    await expect(row).toContainText("Disabled");
    expect((await viewerPage.request.get("/api/pipelines")).status()).toBe(401);
    await viewerPage.context().close();
  });

  test("creates an API token, shows it once, and a revoked token stops working", async ({ page, playwright, baseURL }) => {
    await page.goto("/settings/tokens");
    await page.getByTestId("new-token").click();
    const dialog = page.getByTestId("new-token-dialog");
    await dialog.getByLabel("Name").fill("CI deploy");
    await dialog.getByLabel("Role").selectOption("editor");
    await dialog.getByTestId("create-token").click();
    const secret = (await dialog.getByTestId("token-secret").textContent())!;
    expect(secret).toMatch(/^sl_[A-Za-z0-9_-]{43}$/);
    await page.screenshot({ path: `${shots}/token-created.png` });
    await dialog.getByRole("button", { name: "Done" }).click();

    const script = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { authorization: `Bearer ${secret}` } });
    expect((await script.get("/api/pipelines")).status()).toBe(200);
    const created = await script.post("/api/pipelines", { data: { name: uniqueName("From CI"), graph: wordCountTemplate() } });
    expect(created.status()).toBe(201);
    expect((await script.get("/api/users")).status()).toBe(403);

    const row = page.getByTestId("token-row").filter({ hasText: "CI deploy" }).first();
    await expect(row).toBeVisible();
    await page.screenshot({ path: `${shots}/tokens.png` });
    await row.getByRole("button", { name: "Revoke" }).click();
    await expect(row).toContainText("Revoked");
    expect((await script.get("/api/pipelines")).status()).toBe(401);
    await script.dispose();
  });

  test("the audit log shows sign-ins, user changes and token changes", async ({ page }) => {
    await page.goto("/settings/audit");
    const table = page.getByTestId("audit-table");
    await expect(table).toContainText("Set up Streamline");
    await expect(table).toContainText("Created user");
    await expect(table).toContainText("Created API token");
    await expect(table).toContainText("Failed sign-in");
    await page.screenshot({ path: `${shots}/audit.png` });
  });

  test("refuses cookie-authenticated writes from another origin, with a null origin or with none", async ({ playwright, baseURL, context }) => {
    const cookies = await context.cookies();
    const cookie = cookies.map((c) => `${c.name}=${c.value}`).join("; ");
    for (const origin of ["https://evil.example", "null", undefined]) {
      const api = await playwright.request.newContext({ baseURL, extraHTTPHeaders: origin === undefined ? { cookie } : { cookie, origin } });
      const response = await api.post("/api/pipelines", { data: { name: uniqueName("Forged"), graph: wordCountTemplate() } });
      expect(response.status(), `Origin ${origin}`).toBe(403);
      expect((await response.json()).error.code).toBe("origin_rejected");
      await api.dispose();
    }
  });

  test("sends security headers, and pages run under the nonce policy without violations", async ({ page }) => {
    const violations: string[] = [];
    page.on("console", (message) => {
      if (/Content Security Policy|Refused to (execute|load|apply)/i.test(message.text())) violations.push(message.text());
    });
    const response = (await page.goto("/"))!;
    const headers = response.headers();
    expect(headers["content-security-policy"]).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
    expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
    expect(headers["x-content-type-options"]).toBe("nosniff");
    expect(headers["x-frame-options"]).toBe("DENY");
    expect(headers["referrer-policy"]).toBe("same-origin");
    const api = await page.request.get("/api/pipelines");
    expect(api.headers()["content-security-policy"]).toContain("default-src 'none'");

    const seeded = await seedPipeline(page.request, { name: uniqueName("Headers"), graph: wordCountTemplate() });
    await page.goto(`/pipelines/${seeded.id}`);
    await expect(page.locator(".react-flow__node")).toHaveCount(5);
    await page.goto(`/pipelines/${seeded.id}/monitor`);
    await expect(page.getByRole("heading", { name: seeded.name })).toBeVisible();
    expect(violations).toEqual([]);
  });

  test("shows a hostile pipeline name as text and never runs it", async ({ page, request }) => {
    const name = `<img src=x onerror="window.__pwned=1"> ${uniqueName("Hostile")}`;
    const seeded = await seedPipeline(request, { name, description: "<script>window.__pwned=2</script>", graph: wordCountTemplate() });
    await page.goto("/");
    await expect(page.getByTestId("pipeline-name").filter({ hasText: name })).toBeVisible();
    await page.goto(`/pipelines/${seeded.id}`);
    await expect(page.getByTestId("pipeline-name-input")).toHaveValue(name);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await page.locator("img[src=x]").count()).toBe(0);
  });

  test("stores a Kafka connection with a write-only password that no page or answer ever shows", async ({ page }) => {
    const canary = `CANARY-${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
    const answers: string[] = [];
    page.on("response", async (response) => {
      answers.push(await response.text().catch(() => ""));
    });
    await page.goto("/settings/connections");
    await page.getByTestId("new-connection").click();
    const dialog = page.getByTestId("connection-dialog");
    await dialog.getByLabel("Name").fill("Metadata thief");
    await dialog.getByLabel("Brokers").fill("169.254.169.254:9092");
    await dialog.getByTestId("save-connection").click();
    await expect(dialog).toContainText("never allowed as a broker");

    await dialog.getByLabel("Name").fill("Local cluster");
    await dialog.getByLabel("Brokers").fill("localhost:9092");
    await dialog.getByLabel("Authentication").selectOption("scram-sha-256");
    await dialog.getByLabel("Username").fill("streamline");
    await dialog.getByLabel("Password").fill(canary);
    await dialog.getByTestId("save-connection").click();
    await expect(dialog).not.toBeVisible();
    const row = page.getByTestId("connection-row").filter({ hasText: "Local cluster" });
    await expect(row).toContainText("SCRAM-SHA-256 as streamline");
    await page.screenshot({ path: `${shots}/connections.png` });

    await row.getByRole("button", { name: "Edit" }).click();
    await expect(dialog.getByLabel("Password")).toHaveValue("");
    await page.screenshot({ path: `${shots}/connection-edit.png` });
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await page.reload();
    await expect(page.getByTestId("connection-row").filter({ hasText: "Local cluster" })).toBeVisible();
    const html = await page.content();
    const listing = await (await page.request.get("/api/connections")).text();
    const occurrences = [...answers, html, listing].filter((text) => text.includes(canary)).length;
    console.log(`canary (browser): ${occurrences} occurrences in ${answers.length + 2} responses and pages`);
    expect(occurrences).toBe(0);
  });

  test("shows hostile record contents in the sample panel as text and never runs them", async ({ page, request }) => {
    const topics = { input: uniqueToken("e2e-hostile-in-"), output: uniqueToken("e2e-hostile-out-") };
    await createTopic(topics.input);
    const payload = `<img src=x onerror="window.__pwned=3"><script>window.__pwned=4</script>`;
    await produce(topics.input, [{ id: payload, amount: 50, note: "</pre><svg onload=window.__pwned=5>" }]);
    const pipeline = await seedPipeline(request, { name: uniqueName("Hostile records"), graph: ordersGraph(topics, 10) });
    await page.goto(`/pipelines/${pipeline.id}`);
    await page.getByTestId("preview").click();
    await expect(canvasNode(page, "orders").getByTestId("node-preview-orders")).toHaveAttribute("data-records-out", "1");
    await selectNode(page, "orders");
    await page.getByTestId("drawer-tab-samples").click();
    const panel = page.getByTestId("sample-panel");
    await expect(panel).toContainText("<script>window.__pwned=4</script>");
    await panel.getByRole("button", { name: "Raw" }).click();
    await expect(panel.getByTestId("samples-out").getByTestId("sample-record").locator("pre").first()).toContainText("onerror");
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await page.locator("img[src=x], svg[onload]").count()).toBe(0);
  });
});
