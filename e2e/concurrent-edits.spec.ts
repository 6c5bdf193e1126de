import { expect, test, type Page } from "@playwright/test";
import { wordCountTemplate, type PipelineDocument } from "@/engine/graph";
import { uniqueName } from "./fixtures/pipelines";
import { e2eAdmin } from "./support/accounts";
import { seedPipeline } from "./support/api";
import { fillField, selectNode } from "./support/editor";

async function relabel(page: Page, nodeId: string, label: string) {
  await selectNode(page, nodeId);
  await fillField(page, { kind: "text", testId: "field-label", value: label });
}

test.describe("Two editors on one pipeline", () => {
  test("the open editor learns of the other's save within seconds, views it, and saves its own draft on top after a diff", async ({ page, browser, request, baseURL }) => {
    test.slow();
    const pipeline = await seedPipeline(request, { name: uniqueName("Two tabs"), graph: wordCountTemplate() });
    // A second tab: its own browser context with the same signed-in admin.
    const other = await browser.newContext({ baseURL, storageState: process.env.E2E_STORAGE_STATE });
    const second = await other.newPage();
    try {
      await page.goto(`/pipelines/${pipeline.id}`);
      await second.goto(`/pipelines/${pipeline.id}`);
      await expect(page.getByTestId("save-state")).toContainText("Saved · v1", { timeout: 30_000 });
      await expect(second.getByTestId("save-state")).toContainText("Saved · v1", { timeout: 30_000 });

      // The first tab has unsaved work when the second saves.
      await relabel(page, "words", "Split into tokens");
      await expect(page.getByTestId("save-state")).toContainText("Unsaved changes");
      await relabel(second, "count", "Tally per word");
      await second.keyboard.press("ControlOrMeta+S");
      await expect(second.getByTestId("save-state")).toContainText("Saved · v2");
      await expect(second.getByTestId("concurrent-save")).toHaveCount(0);

      const notice = page.getByTestId("concurrent-save");
      await expect(notice).toContainText(`${e2eAdmin.name} saved version 2 while you were editing`, { timeout: 5_000 });
      await expect(page.getByTestId("save-state")).toContainText("Unsaved changes");

      await notice.getByTestId("concurrent-view").click();
      const overlay = page.getByTestId("concurrent-overlay");
      await expect(overlay.getByTestId("version-canvas-title")).toHaveText("Version 2, read-only");
      await expect(overlay.locator('.react-flow__node[data-id="count"]')).toContainText("Tally per word");
      await overlay.getByTestId("close-version-canvas").click();
      await expect(overlay).toHaveCount(0);

      await notice.getByTestId("concurrent-compare").click();
      await expect(overlay.getByTestId("version-canvas-title")).toHaveText("Changes from v2 to v3");
      // Saving mine on top of theirs: their label goes back, mine comes in.
      await expect(overlay.locator('[data-testid="diff-change"][data-node-id="words"]')).toBeVisible();
      await expect(overlay.locator('[data-testid="diff-change"][data-node-id="count"]')).toBeVisible();
      await overlay.getByTestId("concurrent-save-on-top").click();
      await expect(overlay).toHaveCount(0);
      await expect(page.getByTestId("save-state")).toContainText("Saved · v3");
      await expect(notice).toHaveCount(0);

      const saved = (await (await request.get(`/api/pipelines/${pipeline.id}`)).json()).pipeline as { version: number; graph: PipelineDocument };
      expect(saved.version).toBe(3);
      expect(saved.graph.nodes.find((n) => n.id === "words")!.data.label).toBe("Split into tokens");

      // The second tab hears of v3 and takes it in place of its (clean) canvas.
      const secondNotice = second.getByTestId("concurrent-save");
      await expect(secondNotice).toContainText("saved version 3", { timeout: 5_000 });
      await secondNotice.getByTestId("concurrent-reload").click();
      await expect(second.getByTestId("save-state")).toContainText("Saved · v3");
      await expect(second.locator('.react-flow__node[data-id="words"]')).toContainText("Split into tokens");
      await expect(secondNotice).toHaveCount(0);
    } finally {
      await other.close();
    }
  });
});
