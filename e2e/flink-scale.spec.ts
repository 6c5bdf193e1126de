import { expect, test } from "@playwright/test";
import { wordCountTemplate } from "@/engine/graph";
import { uniqueName } from "./fixtures/pipelines";
import { seedPipeline } from "./support/api";
import { createTopic, produce, produceContinuously, uniqueToken } from "./support/kafka";

/**
 * Flink at scale from the browser: deploy the word count on Flink at
 * parallelism 2 from the deploy menu, see its checkpoints on the Monitor's
 * Flink panel and record samples of its nodes, rescale it to 1 there, and see it running again at the new
 * parallelism with the savepoint the rescale took listed for restore.
 */
test.describe("Flink parallelism on the Monitor", () => {
  test("deploys at parallelism 2, shows checkpoints and samples, rescales to 1 and runs again", async ({ page, request }) => {
    test.setTimeout(300_000);
    const token = uniqueToken("fks");
    const input = `e2e-flink-scale-in-${token}`;
    const output = `e2e-flink-scale-out-${token}`;
    await createTopic(input, 3);
    await createTopic(output);
    const pipeline = await seedPipeline(request, { name: uniqueName("Word count scaled on Flink"), graph: wordCountTemplate({ input, output }) });

    try {
      await test.step("deploy on Flink at parallelism 2 from the deploy menu", async () => {
        await page.goto(`/pipelines/${pipeline.id}`);
        await page.getByTestId("deploy-options").click();
        const menu = page.getByTestId("deploy-menu");
        await menu.getByText("Apache Flink").click();
        await menu.getByTestId("deploy-parallelism").fill("2");
        await menu.getByTestId("deploy-confirm").click();
        await expect(page.getByTestId("status-pill").first()).toHaveAttribute("data-status", "running", { timeout: 120_000 });
      });

      await test.step("the Monitor shows the Flink job at parallelism 2 with completed checkpoints", async () => {
        await produce(input, [`${token} alpha`, `${token} beta`, `${token} alpha`]);
        await page.goto(`/pipelines/${pipeline.id}/monitor`);
        const panel = page.getByTestId("flink-panel");
        // The Monitor loads the deployed version and its telemetry first: generous on a loaded machine.
        await expect(panel.getByTestId("flink-parallelism")).toHaveText("2", { timeout: 60_000 });
        await expect(panel.getByTestId("flink-checkpoint-id")).toHaveText(/^#\d+/, { timeout: 60_000 });
        await expect.poll(async () => Number(await panel.getByTestId("flink-checkpoints-completed").textContent()), { timeout: 30_000 }).toBeGreaterThanOrEqual(1);
        await page.screenshot({ path: "test-results/flink-scale-checkpoints.png" });
      });

      await test.step("the Monitor shows record samples of the source, the flat-map and the sink", async () => {
        // A second's samples are written once the watermark passes its end: lines keep arriving meanwhile.
        const stop = await produceContinuously(input, (batch) => [`${token} sampled${batch}`]);
        try {
          const panel = page.getByTestId("sample-panel");
          const samplesOf = async (nodeId: string, text: RegExp | string) => {
            await page.getByTestId("node-metrics-table").locator(`[data-node-id="${nodeId}"] button`).click();
            await expect(panel.getByTestId("samples-out").getByTestId("sample-record").first()).toBeVisible({ timeout: 45_000 });
            await expect(panel.getByTestId("samples-out")).toContainText(text);
          };
          await samplesOf("lines", token);
          await samplesOf("words", "word");
          await expect(panel.getByTestId("samples-in").getByTestId("sample-record").first()).toBeVisible();
          await samplesOf("counts", "count");
          await page.screenshot({ path: "test-results/flink-scale-samples.png" });
        } finally {
          await stop();
        }
      });

      await test.step("rescale to 1 on the Monitor: it runs again at parallelism 1 and lists the savepoint", async () => {
        const panel = page.getByTestId("flink-panel");
        const before = (await (await request.get(`/api/pipelines/${pipeline.id}/status`)).json()).deployment.id as string;
        await panel.getByTestId("flink-rescale-input").fill("1");
        await panel.getByTestId("flink-rescale").click();
        await expect(panel.getByTestId("flink-parallelism")).toHaveText("1", { timeout: 30_000 });
        await expect(page.getByTestId("status-pill").first()).toHaveAttribute("data-status", "running", { timeout: 120_000 });
        const status = await (await request.get(`/api/pipelines/${pipeline.id}/status`)).json();
        expect(status.deployment.id).not.toBe(before);
        expect(status.deployment.flink.parallelism).toBe(1);
        await expect(panel.getByTestId("flink-savepoints").locator("li")).toHaveCount(1, { timeout: 30_000 });
        await expect(panel.getByTestId("flink-checkpoint-id")).toHaveText(/^#\d+/, { timeout: 60_000 });
        await page.screenshot({ path: "test-results/flink-scale-rescaled.png" });
      });
    } finally {
      await request.post(`/api/pipelines/${pipeline.id}/stop`);
    }
  });
});
