import { expect, test } from "@playwright/test";
import { uniqueName } from "./fixtures/pipelines";
import { seedPipeline } from "./support/api";
import { brokenOrdersGraph, ordersGraph } from "./support/graphs";
import { produceContinuously, uniqueToken } from "./support/kafka";

test.describe("Dashboard", () => {
  test("shows a pipeline's status, rate and errors, and deploys and stops it from its row", async ({ page, request }) => {
    test.slow();
    const topics = { input: uniqueToken("e2e-dashboard-orders-"), output: uniqueToken("e2e-dashboard-large-") };
    const pipeline = await seedPipeline(request, { name: uniqueName("Dashboard orders"), graph: ordersGraph(topics) });
    await page.goto("/");
    const row = page.locator(`[data-testid="pipeline-row"][data-pipeline-id="${pipeline.id}"]`);

    await test.step("a pipeline never deployed shows no numbers", async () => {
      await expect(row.getByTestId("status-pill")).toHaveAttribute("data-status", "not-deployed");
      await expect(row.getByTestId("pipeline-rate")).toHaveText("—");
      await expect(row).toContainText("Never deployed");
    });

    // Orders keep coming, one in ten not JSON, so the row has a rate and errors to show.
    const stopProducing = await produceContinuously(topics.input, (batch) => [
      JSON.stringify({ id: `o-${batch}`, amount: batch % 40 }),
      batch % 10 === 0 ? "{not json" : JSON.stringify({ id: `p-${batch}`, amount: 50 }),
    ]);
    try {
      await test.step("deploying from the row starts it, and its figures come in", async () => {
        await row.getByTestId("row-deploy").click();
        await expect(row.getByTestId("status-pill")).toHaveAttribute("data-status", "running", { timeout: 30_000 });
        await expect(row.getByTestId("pipeline-deployed-version")).toHaveText("v1");
        await expect(row.getByTestId("pipeline-rate")).not.toHaveText(/^(—|0\/s)$/, { timeout: 20_000 });
        await expect(row.getByTestId("pipeline-errors")).not.toHaveText(/^(—|0)$/, { timeout: 20_000 });
        await expect(row.getByTestId("pipeline-errors")).toHaveClass(/text-red-600/);
        await expect(row.getByTestId("pipeline-lag")).toHaveText(/^\d/);
      });

      await test.step("stopping from the row asks first", async () => {
        await row.getByTestId("row-stop").click();
        const dialog = page.getByTestId("stop-pipeline-dialog");
        await expect(dialog).toContainText(`Stop “${pipeline.name}”?`);
        await dialog.getByTestId("stop-pipeline-confirm").click();
        await expect(row.getByTestId("status-pill")).toHaveAttribute("data-status", "stopped", { timeout: 20_000 });
        await expect(row.getByTestId("pipeline-rate")).toHaveText("—");
        await expect(row.getByTestId("row-deploy")).toBeEnabled();
      });
    } finally {
      await stopProducing();
      await request.post(`/api/pipelines/${pipeline.id}/stop`);
    }
  });

  test("says why a deploy from a row was refused", async ({ page, request }) => {
    const topics = { input: uniqueToken("e2e-dashboard-broken-"), output: uniqueToken("e2e-dashboard-broken-out-") };
    const pipeline = await seedPipeline(request, { name: uniqueName("Dashboard broken"), graph: brokenOrdersGraph(topics) });
    await page.goto("/");
    const row = page.locator(`[data-testid="pipeline-row"][data-pipeline-id="${pipeline.id}"]`);
    await row.getByTestId("row-deploy").click();
    await expect(row.getByTestId("row-deploy-error")).toHaveText("1 problem to fix");
    await expect(row.getByTestId("row-deploy-error")).toHaveAttribute("title", /Expression is required/);
    await expect(row.getByTestId("status-pill")).toHaveAttribute("data-status", "not-deployed");
  });

  test("opens the monitor of a pipeline from its row", async ({ page, request }) => {
    const pipeline = await seedPipeline(request, { name: uniqueName("Dashboard monitor link"), graph: ordersGraph({ input: "e2e-unused-in", output: "e2e-unused-out" }) });
    await page.goto("/");
    await page.locator(`[data-testid="pipeline-row"][data-pipeline-id="${pipeline.id}"]`).getByRole("link", { name: `Monitor ${pipeline.name}` }).click();
    await expect(page).toHaveURL(`/pipelines/${pipeline.id}/monitor`);
    await expect(page.getByTestId("monitor-pipeline-name")).toHaveText(pipeline.name);
  });
});
