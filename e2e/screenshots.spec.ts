import { expect, test, type Page } from "@playwright/test";
import { wordCountTemplate } from "@/engine/graph";
import { showcasePipelines } from "./fixtures/showcase-pipelines";
import { deleteAllPipelines, seedPipeline } from "./support/api";
import { canvasNode, inspector, selectEdge, selectNode } from "./support/editor";

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
});

async function capture(page: Page, name: string) {
  // Let fit-view and hover transitions settle so screenshots are stable between runs.
  await page.mouse.move(0, 0);
  await page.waitForTimeout(400);
  await page.screenshot({ path: `${directory}/${name}.png` });
}
