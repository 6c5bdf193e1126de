import { expect, test, type APIRequestContext } from "@playwright/test";
import { wordCountTemplate, type PipelineDocument } from "@/engine/graph";
import { uniqueName } from "./fixtures/pipelines";
import { e2eAdmin } from "./support/accounts";
import { fetchPipeline } from "./support/api";
import { canvasNode } from "./support/editor";
import { createTopic, uniqueToken } from "./support/kafka";

/** The word count on this test's own topics: v1 as the template has it. */
function versionOne(topics: { input: string; output: string }): PipelineDocument {
  return wordCountTemplate(topics);
}

/** v2: only the filter changed, so the count keeps its state over a running v1. */
function versionTwo(topics: { input: string; output: string }): PipelineDocument {
  const v1 = versionOne(topics);
  return { ...v1, nodes: v1.nodes.map((node) => (node.id === "non-empty" ? { ...node, data: { ...node.data, condition: "CHAR_LENGTH(word) > 3" } } : node)) };
}

/** v3: v2 plus a second sink for the long words. */
function versionThree(topics: { input: string; output: string }): PipelineDocument {
  const v2 = versionTwo(topics);
  return {
    ...v2,
    nodes: [...v2.nodes, { id: "long-words", type: "kafka-sink", position: { x: 840, y: 280 }, data: { label: "Long words", topic: `${topics.output}-long`, format: "json" } }],
    edges: [...v2.edges, { id: "non-empty-long-words", source: "non-empty", target: "long-words", targetHandle: null }],
  };
}

async function saveVersion(request: APIRequestContext, id: string, graph: PipelineDocument, message: string, baseVersion: number) {
  const response = await request.put(`/api/pipelines/${id}`, { data: { graph, message, baseVersion } });
  expect(response.status(), await response.text()).toBe(200);
}

test.describe("Versions in the editor", () => {
  test("lists the versions, diffs v1 and v3 on the canvas, restores v1 and deploys v2 with its plan", async ({ page, request }) => {
    // A deploy, a redeploy and four editor screens: minutes on a loaded 2-core machine.
    test.setTimeout(360_000);
    const token = uniqueToken("versions");
    const topics = { input: `e2e.${token}.lines`, output: `e2e.${token}.counts` };
    await createTopic(topics.input);
    const created = await request.post("/api/pipelines", { data: { name: uniqueName("Versioned word count"), graph: versionOne(topics), message: "Word count from the template" } });
    expect(created.status(), await created.text()).toBe(201);
    const { id } = (await created.json()).pipeline as { id: string };
    await saveVersion(request, id, versionTwo(topics), "Count only words longer than 3 letters", 1);
    await saveVersion(request, id, versionThree(topics), "Also write the long words to their own topic", 2);
    // v1 runs before the test starts, so deploying v2 is a deploy over a running version.
    const deployed = await request.post(`/api/pipelines/${id}/deploy`, { data: { version: 1 } });
    expect(deployed.status(), await deployed.text()).toBe(202);

    try {
      page.on("pageerror", (error) => console.log(`page error: ${error.message}`));
      const opened = Date.now();
      await page.goto(`/pipelines/${encodeURIComponent(id)}`);
      // The first editor of a fresh server can take long on a loaded machine.
      await expect(page.getByTestId("save-state")).toContainText("Saved · v3", { timeout: 60_000 });
      console.log(`editor shown ${Date.now() - opened} ms after goto`);

      await test.step("the versions panel lists every version with its message, author and the deployed one", async () => {
        await page.getByTestId("versions-toggle").click();
        const panel = page.getByTestId("versions-panel");
        const rows = panel.getByTestId("version-row");
        await expect(rows).toHaveCount(3);
        await expect(rows.nth(0)).toHaveAttribute("data-version", "3");
        await expect(rows.nth(0).getByTestId("version-message")).toHaveText("Also write the long words to their own topic");
        await expect(rows.nth(2).getByTestId("version-message")).toHaveText("Word count from the template");
        await expect(rows.nth(1).getByTestId("version-author")).toHaveText(e2eAdmin.email);
        await expect(rows.nth(0)).toContainText("6 nodes");
        await expect(panel.locator('[data-version="1"]').getByTestId("deployed-badge")).toBeVisible({ timeout: 15_000 });
        await expect(panel.locator('[data-deployed="true"]')).toHaveCount(1);
      });

      await test.step("v1 and v3 compared on the canvas: the changed filter, the added sink and its connection marked, the field listed", async () => {
        const panel = page.getByTestId("versions-panel");
        await panel.getByTestId("compare-from").selectOption("1");
        await panel.getByTestId("compare-to").selectOption("3");
        await panel.getByTestId("compare-versions").click();
        const canvas = page.getByTestId("version-canvas");
        await expect(canvas).toHaveAttribute("data-kind", "diff");
        await expect(canvas.getByTestId("version-canvas-title")).toHaveText("Changes from v1 to v3");
        await expect(canvas.getByTestId("diff-counts")).toContainText("1 added");
        await expect(canvas.getByTestId("diff-counts")).toContainText("1 changed");
        await expect(canvasNode(page, "non-empty")).toHaveClass(/version-diff-changed/);
        await expect(canvasNode(page, "long-words")).toHaveClass(/version-diff-added/);
        await expect(canvasNode(page, "count")).toHaveClass(/version-diff-unchanged/);
        await expect(page.locator('.react-flow__edge[data-id="non-empty-long-words"]')).toHaveClass(/version-diff-edge-added/);
        const change = canvas.locator('[data-testid="diff-change"][data-node-id="non-empty"]');
        await expect(change).toHaveAttribute("data-mark", "changed");
        const field = change.locator('[data-field="condition"]');
        await expect(field.locator("del")).toHaveText("0");
        await expect(field.locator("ins")).toHaveText("3");
        await expect(canvas.locator('[data-testid="diff-change"][data-node-id="long-words"]')).toHaveAttribute("data-mark", "added");
        // For people to look at: the panel and the diff at 1440 px, light and dark (kept with the run's output).
        for (const colorScheme of ["light", "dark"] as const) {
          await page.emulateMedia({ colorScheme });
          await page.screenshot({ path: test.info().outputPath(`versions-diff-${colorScheme}.png`) });
        }
        await page.emulateMedia({ colorScheme: "light" });
      });

      await test.step("restoring v1 saves it as v4 with a message saying where it came from, and the canvas shows it", async () => {
        const panel = page.getByTestId("versions-panel");
        await panel.locator('[data-version="1"]').getByTestId("restore-version").click();
        const dialog = page.getByTestId("restore-dialog");
        await dialog.getByTestId("restore-message").fill("the long-words sink is not ready");
        await dialog.getByTestId("confirm-restore").click();
        await expect(dialog).toBeHidden();
        await expect(page.getByTestId("save-state")).toContainText("Saved · v4");
        await expect(page.getByTestId("version-canvas")).toHaveCount(0);
        await expect(canvasNode(page, "long-words")).toHaveCount(0);
        const newest = panel.getByTestId("version-row").first();
        await expect(newest).toHaveAttribute("data-version", "4");
        await expect(newest.getByTestId("version-message")).toHaveText("Restored from version 1: the long-words sink is not ready");
        const saved = await fetchPipeline(request, id);
        expect(saved.version).toBe(4);
        expect(saved.graph.nodes.find((node) => node.id === "non-empty")?.data.condition).toBe("CHAR_LENGTH(word) > 0");
      });

      await test.step("deploying v2 from the list shows the plan (the count keeps its state) and runs v2 once confirmed", async () => {
        const panel = page.getByTestId("versions-panel");
        await panel.locator('[data-version="2"]').getByTestId("deploy-version").click();
        const dialog = page.getByTestId("deploy-plan-dialog");
        await expect(dialog.getByTestId("deploy-plan-summary")).toContainText("v2 over v1");
        await expect(dialog.locator('[data-testid="plan-row"][data-node-id="count"]')).toHaveAttribute("data-outcome", "kept");
        await expect(dialog.locator('[data-testid="plan-row"][data-node-id="count"]')).toContainText("configuration unchanged");
        await expect(dialog.locator('[data-testid="plan-row"][data-node-id="lines"]')).toHaveAttribute("data-outcome", "resumes");
        await dialog.getByTestId("confirm-deploy").click();
        await expect(dialog).toBeHidden({ timeout: 15_000 });
        await expect(panel.locator('[data-version="2"]').getByTestId("deployed-badge")).toBeVisible({ timeout: 15_000 });
        await expect(panel.locator('[data-deployed="true"]')).toHaveCount(1);
        const status = await (await request.get(`/api/pipelines/${id}/status`)).json();
        expect(status.deployment.version).toBe(2);
      });

      await test.step("Deploy in the top bar over the running v2 shows the plan for the latest version first", async () => {
        await page.getByTestId("deploy").click();
        const dialog = page.getByTestId("deploy-plan-dialog");
        await expect(dialog.getByTestId("deploy-plan-summary")).toContainText("v4 over v2");
        // v4 is v1 again: the filter changed back, the count's configuration did not.
        await expect(dialog.locator('[data-testid="plan-row"][data-node-id="count"]')).toHaveAttribute("data-outcome", "kept");
        await dialog.getByRole("button", { name: "Cancel" }).click();
        await expect(dialog).toBeHidden();
        const status = await (await request.get(`/api/pipelines/${id}/status`)).json();
        expect(status.deployment.version).toBe(2);
      });
    } finally {
      await request.post(`/api/pipelines/${id}/stop`);
    }
  });
});
