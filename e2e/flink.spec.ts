import { expect, test } from "@playwright/test";
import { wordCountTemplate } from "@/engine/graph";
import { uniqueName } from "./fixtures/pipelines";
import { seedPipeline } from "./support/api";
import { collectJson, createTopic, produce, uniqueToken } from "./support/kafka";

type WordCount = { word: string; count: number };

/**
 * Runtime Flink from the browser: the engine compiles the word count to Flink
 * SQL and submits it to the Flink session cluster (started by `npm test`, or
 * on first use by the engine), the status pill says running on Flink, the
 * counts arrive in the result topic and on the canvas, and Stop takes a
 * savepoint.
 */
test.describe("Deploying on Flink", () => {
  test("deploys the word count with runtime Flink, sees it running and its counts arriving, and stops it", async ({ page, request }) => {
    test.setTimeout(240_000);
    const token = uniqueToken("flk");
    const input = `e2e-flink-in-${token}`;
    const output = `e2e-flink-out-${token}`;
    await createTopic(input);
    await createTopic(output);
    const pipeline = await seedPipeline(request, { name: uniqueName("Word count on Flink"), graph: wordCountTemplate({ input, output }) });

    try {
      await test.step("choose Apache Flink in the deploy options and deploy", async () => {
        await page.goto(`/pipelines/${pipeline.id}`);
        await expect(page.getByTestId("status-pill")).toHaveAttribute("data-status", "not-deployed");
        await page.getByTestId("deploy-options").click();
        const menu = page.getByTestId("deploy-menu");
        await expect(menu.getByTestId("deploy-runtime-embedded")).toBeChecked();
        await menu.getByText("Apache Flink").click();
        await expect(menu.getByTestId("deploy-runtime-flink")).toBeChecked();
        await expect(menu.getByTestId("deploy-flink-note")).toBeVisible();
        await page.screenshot({ path: "test-results/flink-deploy-menu.png" });
        await menu.getByTestId("deploy-confirm").click();
      });

      await test.step("the status pill shows it running on Flink", async () => {
        // The first Flink deploy may start the local cluster (about 15 s) before submitting the job.
        await expect(page.getByTestId("status-pill").first()).toHaveAttribute("data-status", "running", { timeout: 120_000 });
        await expect(page.getByTestId("status-runtime").first()).toHaveText("Flink");
      });

      await test.step("counts arrive in the result topic and on the canvas", async () => {
        await produce(input, [`${token} alpha`, `${token} beta`, `${token} alpha`]);
        const updates = await collectJson<WordCount>(output, (value): value is WordCount => typeof value === "object" && value !== null && (value as WordCount).word === token, (seen) => seen.some((u) => u.count === 3));
        expect(updates.at(-1)).toEqual({ word: token, count: 3 });
        await expect(page.getByTestId("canvas-live-legend")).toBeVisible({ timeout: 30_000 });
        await expect.poll(async () => Number(await page.getByTestId("node-rate-counts").getAttribute("data-records-out")), { timeout: 30_000 }).toBeGreaterThanOrEqual(6);
        await expect.poll(async () => Number(await page.getByTestId("node-rate-lines").getAttribute("data-records-in")), { timeout: 30_000 }).toBeGreaterThanOrEqual(3);
        await page.screenshot({ path: "test-results/flink-running.png" });
      });

      await test.step("the dashboard lists it running on Flink", async () => {
        await page.goto("/");
        const row = page.locator(`[data-testid="pipeline-row"][data-pipeline-id="${pipeline.id}"]`);
        await expect(row.getByTestId("status-pill")).toHaveAttribute("data-status", "running");
        await expect(row.getByTestId("status-runtime")).toHaveText("Flink");
        await page.screenshot({ path: "test-results/flink-dashboard.png" });
        await page.goto(`/pipelines/${pipeline.id}`);
        await expect(page.getByTestId("status-pill").first()).toHaveAttribute("data-status", "running");
      });

      await test.step("stop takes a savepoint and the pipeline shows stopped", async () => {
        await page.getByTestId("stop").click();
        await page.getByTestId("stop-confirm").click();
        await expect(page.getByTestId("status-pill").first()).toHaveAttribute("data-status", "stopped", { timeout: 60_000 });
        const status = await (await request.get(`/api/pipelines/${pipeline.id}/status`)).json();
        expect(status.deployment.flink.savepointPath).toMatch(/savepoint-/);
      });
    } finally {
      await request.post(`/api/pipelines/${pipeline.id}/stop`);
    }
  });
});
