import { expect, test, type Page } from "@playwright/test";
import { wordCountTemplate } from "@/engine/graph";
import { showcasePipelines } from "./fixtures/showcase-pipelines";
import { deleteAllPipelines, seedPipeline } from "./support/api";
import { canvasNode, inspector, selectEdge, selectNode } from "./support/editor";
import { produceContinuously, uniqueToken } from "./support/kafka";
import { liveShowcase } from "./support/live-showcase";

/*
 * The screenshots in docs/screenshots, regenerated on demand and excluded from the normal run:
 *   npx next build && npx playwright test --grep @screenshots
 */

const directory = "docs/screenshots";

test.use({ viewport: { width: 1600, height: 1000 }, deviceScaleFactor: 1 });

test.describe("Documentation screenshots", { tag: "@screenshots" }, () => {
  test("captures the pipelines list, empty and filled", async ({ page, request }) => {
    await deleteAllPipelines(request);
    await page.goto("/");
    await expect(page.getByTestId("pipelines-empty")).toBeVisible();
    await capture(page, "pipelines-empty");

    for (const pipeline of showcasePipelines) await seedPipeline(request, pipeline);
    await page.reload();
    await expect(page.getByTestId("pipeline-row")).toHaveCount(showcasePipelines.length);
    await capture(page, "pipelines");
  });

  test("captures the editor with the word count template, a node error and the problems drawer", async ({ page, request }) => {
    await deleteAllPipelines(request);
    const pipeline = await seedPipeline(request, {
      name: "Word count",
      description: "Splits lines of text into words and keeps a running count per word",
      graph: wordCountTemplate(),
    });
    await page.goto(`/pipelines/${pipeline.id}`);
    await expect(page.locator(".react-flow__node")).toHaveCount(5);
    await expect(page.getByTestId("problem-count")).toHaveText("0");
    await selectNode(page, "words");
    await capture(page, "editor");

    await selectNode(page, "non-empty");
    const condition = inspector(page).getByTestId("field-condition").locator(".cm-content");
    await condition.click();
    await page.keyboard.press("ControlOrMeta+A");
    await page.keyboard.press("Delete");
    await page.keyboard.type("CHAR_LENGTH(wrd) > 0");
    await expect(inspector(page).getByTestId("field-errors")).toContainText("wrd");
    await expect(canvasNode(page, "non-empty").getByTestId("node-problem-marker")).toBeVisible();
    await capture(page, "editor-node-error");

    await selectEdge(page, "count-counts");
    await page.keyboard.press("Delete");
    await page.getByTestId("problems-toggle").click();
    const problems = page.getByTestId("problems-panel").getByTestId("problem");
    await expect(problems).toHaveCount(2);
    await problems.filter({ hasText: "has no input" }).click();
    await expect(inspector(page)).toHaveAttribute("data-node-id", "counts");
    await capture(page, "editor-problems");
  });

  test("captures the live canvas, the editor's samples and the dashboard while records flow", async ({ page, request }) => {
    test.setTimeout(180_000);
    await deleteAllPipelines(request);
    // Short, fresh topic names: they show on the cards, and a fresh topic has no backlog to read first.
    const showcase = liveShowcase(uniqueToken("").slice(-4));
    // Older first: the list shows the most recently changed on top.
    await seedPipeline(request, showcasePipelines[2]!);
    const seed = ({ name, description, graph }: { name: string; description: string; graph: unknown }) => seedPipeline(request, { name, description, graph });
    const sessions = await seed(showcase.sessions);
    const fraud = await seed(showcase.fraud);
    const wordCount = await seed(showcase.wordCount);
    // The fraud signals run at-least-once: stateless exactly-once pipelines flap between running and
    // degraded on a loaded machine (kafkajs does not retry CONCURRENT_TRANSACTIONS; reported).
    const running = [
      { pipeline: wordCount, source: showcase.wordCount, guarantee: "exactly-once" },
      { pipeline: fraud, source: showcase.fraud, guarantee: "at-least-once" },
      { pipeline: sessions, source: showcase.sessions, guarantee: "exactly-once" },
    ];
    const stops = await Promise.all(running.map(({ source }) => produceContinuously(source.input, source.next)));
    try {
      for (const { pipeline, guarantee } of running) {
        expect((await request.post(`/api/pipelines/${pipeline.id}/deploy`, { data: { guarantee } })).status()).toBe(202);
        await expect.poll(async () => (await (await request.get(`/api/pipelines/${pipeline.id}/status`)).json()).deployment.status, { timeout: 30_000 }).toBe("running");
      }
      // A minute of history gives the sparklines and rates something to draw.
      await page.waitForTimeout(45_000);
      // One stopped pipeline, so the dashboard shows every state people meet.
      await request.post(`/api/pipelines/${sessions.id}/stop`);

      await page.goto("/");
      await expect(page.locator('[data-testid="pipeline-row"][data-status="running"]')).toHaveCount(2, { timeout: 20_000 });
      await expect(page.locator(`[data-pipeline-id="${wordCount.id}"]`).getByTestId("pipeline-rate")).not.toHaveText(/^(—|0\/s)$/);
      await capture(page, "dashboard");

      // The fraud signals: four nodes fit the canvas at a readable zoom, and its malformed payments outline the source.
      await page.goto(`/pipelines/${fraud.id}`);
      await expect(page.getByTestId("canvas-live-legend")).toBeVisible({ timeout: 20_000 });
      await expect(canvasNode(page, "payments").getByTestId("node-kafka-source")).toHaveAttribute("data-health", "failing", { timeout: 20_000 });
      await selectNode(page, "signal");
      await page.waitForTimeout(2_000);
      await capture(page, "canvas-live");

      await selectNode(page, "large");
      await page.getByTestId("drawer-tab-samples").click();
      await expect(page.getByTestId("samples-out").getByTestId("sample-record").first()).toBeVisible({ timeout: 20_000 });
      await page.getByTestId("sample-pause").click();
      await capture(page, "editor-samples");

      const condition = inspector(page).getByTestId("field-condition").locator(".cm-content");
      await condition.click();
      await page.keyboard.press("ControlOrMeta+A");
      await page.keyboard.press("Delete");
      await page.keyboard.type("amount > 2000 AND device_age_days = 0");
      await page.getByTestId("preview").click();
      await expect(canvasNode(page, "large").getByTestId("node-preview-large")).toBeVisible();
      await page.getByTestId("sample-panel").getByRole("button", { name: "Table" }).click();
      await capture(page, "editor-preview");
    } finally {
      await Promise.all(stops.map((stop) => stop()));
      for (const { pipeline } of running) await request.post(`/api/pipelines/${pipeline.id}/stop`);
    }
  });
});

test.describe("Theme screenshots", { tag: "@screenshots" }, () => {
  test("captures the dashboard, editor, Monitor, topics and templates in light and dark at 1440 and 1024 px", async ({ browser, baseURL, request }) => {
    test.setTimeout(900_000);
    await deleteAllPipelines(request);
    const showcase = liveShowcase(uniqueToken("").slice(-4));
    await seedPipeline(request, showcasePipelines[2]!);
    const wordCount = await seedPipeline(request, { name: showcase.wordCount.name, description: showcase.wordCount.description, graph: showcase.wordCount.graph });
    const stop = await produceContinuously(showcase.wordCount.input, showcase.wordCount.next);
    try {
      expect((await request.post(`/api/pipelines/${wordCount.id}/deploy`, { data: {} })).status()).toBe(202);
      await expect.poll(async () => (await (await request.get(`/api/pipelines/${wordCount.id}/status`)).json()).deployment.status, { timeout: 30_000 }).toBe("running");
      // Some history for the charts and sparklines.
      await new Promise((resolve) => setTimeout(resolve, 25_000));
      const templates = await request.get("/templates");
      const screens: { name: string; path: string; ready: (page: Page) => Promise<void> }[] = [
        { name: "dashboard", path: "/", ready: (page) => expect(page.getByTestId("pipeline-row").first()).toBeVisible({ timeout: 60_000 }) },
        {
          name: "editor",
          path: `/pipelines/${wordCount.id}`,
          ready: async (page) => {
            await expect(page.locator(".react-flow__node").first()).toBeVisible({ timeout: 60_000 });
            await expect(page.getByTestId("canvas-live-legend")).toBeVisible({ timeout: 60_000 });
            await selectNode(page, "words");
          },
        },
        { name: "monitor", path: `/pipelines/${wordCount.id}/monitor`, ready: (page) => expect(page.getByTestId("headline-stats")).toBeVisible({ timeout: 60_000 }) },
        { name: "topics", path: "/topics", ready: (page) => expect(page.getByRole("heading", { level: 1 })).toBeVisible({ timeout: 60_000 }) },
        ...(templates.status() === 404 ? [] : [{ name: "templates", path: "/templates", ready: (page: Page) => expect(page.getByRole("heading", { level: 1 })).toBeVisible({ timeout: 60_000 }) }]),
      ];
      for (const theme of ["light", "dark"] as const) {
        for (const width of [1440, 1024]) {
          const context = await browser.newContext({ baseURL, storageState: process.env.E2E_STORAGE_STATE, colorScheme: theme, viewport: { width, height: 900 }, deviceScaleFactor: 1 });
          const page = await context.newPage();
          for (const screen of screens) {
            await page.goto(screen.path);
            await screen.ready(page);
            await page.waitForTimeout(1_500);
            await capture(page, `${screen.name}-${theme}-${width}`);
          }
          await context.close();
        }
      }
    } finally {
      await stop();
      await request.post(`/api/pipelines/${wordCount.id}/stop`);
    }
  });
});

async function capture(page: Page, name: string) {
  // Let fit-view and hover transitions settle so screenshots are stable between runs.
  await page.mouse.move(0, 0);
  await page.waitForTimeout(400);
  await page.screenshot({ path: `${directory}/${name}.png` });
}
