import { expect, test, type APIRequestContext } from "@playwright/test";
import { wordCountTemplate } from "@/engine/graph";
import { uniqueName } from "./fixtures/pipelines";
import { e2eAdmin } from "./support/accounts";
import { seedPipeline } from "./support/api";
import { createTopic, uniqueToken } from "./support/kafka";

async function waitForStatus(request: APIRequestContext, id: string, status: string) {
  await expect
    .poll(async () => ((await (await request.get(`/api/pipelines/${id}/status`)).json()) as { deployment: { status: string } | null }).deployment?.status ?? null, { timeout: 30_000 })
    .toBe(status);
}

test.describe("Small defects of issue 15", () => {
  test("deleting a running pipeline says it is running and what deleting does to the deployment", async ({ page, request }) => {
    test.slow();
    const input = `e2e-delete-running-${uniqueToken("")}`;
    await createTopic(input);
    const name = uniqueName("Delete running");
    const pipeline = await seedPipeline(request, { name, graph: wordCountTemplate({ input, output: `${input}-out` }) });
    expect((await request.post(`/api/pipelines/${pipeline.id}/deploy`, { data: {} })).status()).toBe(202);
    await waitForStatus(request, pipeline.id, "running");

    await page.goto("/");
    const row = page.locator(`[data-testid="pipeline-row"][data-pipeline-id="${pipeline.id}"]`);
    await expect(row.getByTestId("status-pill")).toHaveAttribute("data-status", "running", { timeout: 30_000 });
    await row.getByRole("button", { name: `Delete ${name}` }).click();
    const dialog = page.getByTestId("delete-pipeline-dialog");
    await expect(dialog.getByTestId("delete-running-warning")).toContainText("It is running (v1)");
    await expect(dialog.getByTestId("delete-running-warning")).toContainText("stops the deployment");
    await dialog.getByTestId("delete-pipeline-confirm").click();
    await expect(dialog).toBeHidden();
    await expect(row).toHaveCount(0);
    expect((await request.get(`/api/pipelines/${pipeline.id}`)).status()).toBe(404);

    // A pipeline that is not deployed gets no such warning.
    const idle = await seedPipeline(request, { name: uniqueName("Delete idle"), graph: wordCountTemplate() });
    await page.reload();
    await page.locator(`[data-testid="pipeline-row"][data-pipeline-id="${idle.id}"]`).getByRole("button", { name: /^Delete / }).click();
    await expect(dialog.getByTestId("delete-running-warning")).toHaveCount(0);
    await expect(dialog.getByTestId("delete-pipeline-confirm")).toHaveText("Delete pipeline");
  });

  test("the audit log names pipelines, users and tokens, and filters by actor, action, target and time", async ({ page, request }) => {
    const pipelineName = uniqueName("Audited");
    const pipeline = await seedPipeline(request, { name: pipelineName, graph: wordCountTemplate() });
    const tokenName = `audit token ${uniqueToken("")}`;
    const token = await request.post("/api/tokens", { data: { name: tokenName, role: "viewer" } });
    expect(token.status()).toBe(201);
    const tokenId = ((await token.json()) as { token: { id: string } }).token.id;
    expect((await request.delete(`/api/tokens/${tokenId}`)).status()).toBeLessThan(300);

    await page.goto("/settings/audit");
    const rows = page.getByTestId("audit-row");
    await expect(rows.first()).toBeVisible({ timeout: 30_000 });
    // Names, not ids.
    await expect(rows.filter({ hasText: "Created pipeline" }).filter({ hasText: pipelineName })).toHaveCount(1);
    await expect(rows.filter({ hasText: "Revoked API token" }).filter({ hasText: tokenName })).toHaveCount(1);
    await expect(page.getByTestId("audit-table")).not.toContainText(pipeline.id);
    await expect(page.getByTestId("audit-table")).not.toContainText(tokenId);
    await expect(rows.filter({ hasText: "Created pipeline" }).first()).toContainText(e2eAdmin.name);

    // Filter by target name and action group.
    await page.getByTestId("audit-filter-target").fill(pipelineName);
    await page.getByTestId("audit-filter-apply").click();
    await expect(rows).toHaveCount(1);
    await expect(rows.first()).toContainText("Created pipeline");
    await page.getByTestId("audit-filter-target").fill("");
    await page.getByTestId("audit-filter-action").selectOption("token.");
    await page.getByTestId("audit-filter-actor").fill(e2eAdmin.name);
    await page.getByTestId("audit-filter-apply").click();
    await expect(rows.filter({ hasText: tokenName })).toHaveCount(2);
    for (const text of await rows.allTextContents()) expect(text).toMatch(/API token/);
    // A time window in the future holds nothing.
    await page.getByTestId("audit-filter-from").fill("2099-01-01T00:00");
    await page.getByTestId("audit-filter-apply").click();
    await expect(rows).toHaveCount(0);
    await expect(page.getByText("No event matches the filter")).toBeVisible();
    // A bad filter is a clear 400, not a 500.
    const bad = await request.get("/api/audit?from=yesterday");
    expect(bad.status()).toBe(400);
    expect(JSON.stringify(await bad.json())).toContain("from");
  });

  test("the token list behind the new-token dialog shows the new token at once", async ({ page }) => {
    const name = `listed at once ${uniqueToken("")}`;
    await page.goto("/settings/tokens");
    await page.getByTestId("new-token").click();
    const dialog = page.getByTestId("new-token-dialog");
    await dialog.getByLabel("Name").fill(name);
    await dialog.getByTestId("create-token").click();
    await expect(dialog.getByTestId("token-secret")).toBeVisible();
    // Still behind the open dialog, the list already has it.
    await expect(page.getByTestId("token-row").filter({ hasText: name })).toHaveCount(1);
    await dialog.getByRole("button", { name: "Done" }).click();
    await expect(page.getByTestId("token-row").filter({ hasText: name })).toHaveCount(1);
  });
});
