import { expect, test } from "@playwright/test";
import { allNodeTypesEdges, allNodeTypesSteps, brokenPipelineProblems } from "./fixtures/all-node-types";
import { emptyGraph, uniqueName } from "./fixtures/pipelines";
import { fetchPipeline, seedPipeline } from "./support/api";
import { canvasNode, connect, dragFromPalette, expectField, fillField, inspector, selectEdge, selectNode } from "./support/editor";

test.describe("Pipeline editor", () => {
  test("builds a pipeline from all seven node types, saves it and finds it again after a reload", async ({ page, request }) => {
    // A whole editing session in one test; on a busy machine it needs more than the default minute.
    test.slow();
    const seeded = await seedPipeline(request, { name: uniqueName("All node types"), graph: emptyGraph });
    await page.goto(`/pipelines/${seeded.id}`);
    await expect(page.getByTestId("canvas-empty")).toBeVisible();
    await expect(page.getByTestId("save-state")).toContainText("Saved · v1");

    await test.step("add every node type from the palette and fill in its form", async () => {
      for (const [index, step] of allNodeTypesSteps.entries()) {
        if (step.add === "click") await page.getByTestId(`palette-${step.type}`).click();
        else await dragFromPalette(page, step.type, step.add.drag);
        await expect(page.locator(".react-flow__node")).toHaveCount(index + 1);
        await expect(canvasNode(page, step.id).getByTestId(`node-${step.type}`)).toBeVisible();
        // A new node is selected, so its form is already open.
        await expect(inspector(page)).toHaveAttribute("data-node-id", step.id);
        for (const input of step.inputs) await fillField(page, input);
      }
      const draggedTypes = new Set(allNodeTypesSteps.filter((step) => step.add !== "click").map((step) => step.type));
      expect(draggedTypes.size).toBe(7);
    });

    await test.step("connect the nodes handle to handle", async () => {
      for (const [index, edge] of allNodeTypesEdges.entries()) {
        await connect(page, edge);
        await expect(page.locator(".react-flow__edge")).toHaveCount(index + 1);
      }
      await expect(page.getByTestId("problem-count")).toHaveText("0");
      await expect(page.getByTestId("node-problem-marker")).toHaveCount(0);
    });

    await test.step("save with the keyboard shortcut", async () => {
      await expect(page.getByTestId("save-state")).toContainText("Unsaved changes");
      await page.locator(".react-flow__pane").click({ position: { x: 20, y: 20 } });
      await page.keyboard.press("ControlOrMeta+s");
      await expect(page.getByTestId("save-state")).toContainText("Saved · v2");
      await expect(page.getByTestId("draft-badge")).toHaveCount(0);
    });

    await test.step("the API returns exactly what was built", async () => {
      const saved = await fetchPipeline(request, seeded.id);
      expect(saved.version).toBe(2);
      expect(saved.problems).toEqual([]);
      expect(saved.graph.nodes.map(({ id, type, data }) => ({ id, type, data }))).toEqual(
        allNodeTypesSteps.map(({ id, type, data }) => ({ id, type, data })),
      );
      expect(saved.graph.edges.map(({ source, target, targetHandle }) => ({ source, target, targetHandle: targetHandle ?? null }))).toEqual(
        allNodeTypesEdges,
      );
    });

    await test.step("after a reload the canvas and every form show the saved pipeline", async () => {
      await page.reload();
      await expect(page.locator(".react-flow__node")).toHaveCount(allNodeTypesSteps.length);
      await expect(page.locator(".react-flow__edge")).toHaveCount(allNodeTypesEdges.length);
      await expect(page.getByTestId("save-state")).toContainText("Saved · v2");
      for (const step of allNodeTypesSteps) {
        const card = canvasNode(page, step.id).getByTestId(`node-${step.type}`);
        await expect(card.getByTestId("node-title")).toHaveText(String(step.data.label));
        await selectNode(page, step.id);
        for (const input of step.inputs) await expectField(page, input);
      }
      await expect(canvasNode(page, "reduce-6").getByTestId("node-summary")).toHaveText(
        "sum(gross), count by country, city · hopping 10m",
      );
      // The map declares exactly these fields, so that is all the flat map can refer to.
      await selectNode(page, "flat-map-4");
      await expect(inspector(page).getByTestId("input-fields").locator("li")).toHaveText([/^customer_id/, /^items/, /^gross/]);
    });

    await test.step("breaking the graph lists the problems, and a problem leads to its node", async () => {
      await selectEdge(page, "filter-2-map-3");
      await page.keyboard.press("Delete");
      await expect(page.locator(".react-flow__edge")).toHaveCount(allNodeTypesEdges.length - 1);
      await selectNode(page, "kafka-sink-7");
      await inspector(page).getByTestId("field-topic").fill("");
      await expect(inspector(page).getByTestId("field-errors")).toHaveText("Topic is required");

      await expect(page.getByTestId("problem-count")).toHaveText(String(brokenPipelineProblems.length));
      await page.getByTestId("problems-toggle").click();
      const panel = page.getByTestId("problems-panel");
      await expect(panel.getByTestId("problem")).toHaveCount(brokenPipelineProblems.length);
      for (const expected of brokenPipelineProblems) {
        const row = panel.locator(`[data-testid="problem"][data-code="${expected.code}"]`);
        await expect(row).toHaveAttribute("data-node-id", expected.nodeId);
        await expect(row).toContainText(expected.message);
      }
      await expect(canvasNode(page, "map-3").getByTestId("node-problem-marker")).toHaveText("1");

      await panel.locator('[data-testid="problem"][data-node-id="map-3"]').click();
      await expect(canvasNode(page, "map-3")).toHaveClass(/selected/);
      await expect(canvasNode(page, "kafka-sink-7")).not.toHaveClass(/selected/);
      await expect(inspector(page)).toHaveAttribute("data-node-id", "map-3");
      await expect(inspector(page).getByTestId("node-problems")).toContainText("has no input; connect one");
      await expect(canvasNode(page, "map-3")).toBeInViewport();
    });

    await test.step("a graph with problems is saved as a draft", async () => {
      await page.keyboard.press("ControlOrMeta+s");
      await expect(page.getByTestId("save-state")).toContainText("Saved · v3");
      await expect(page.getByTestId("draft-badge")).toBeVisible();
      const saved = await fetchPipeline(request, seeded.id);
      expect(saved.problems.map(({ code, nodeId }) => ({ code, nodeId }))).toEqual(
        brokenPipelineProblems.map(({ code, nodeId }) => ({ code, nodeId })),
      );
    });
  });

  test("undoes and redoes a deleted node with the keyboard", async ({ page, request }) => {
    const seeded = await seedPipeline(request, { name: uniqueName("Undo"), graph: emptyGraph });
    await page.goto(`/pipelines/${seeded.id}`);
    await dragFromPalette(page, "kafka-source", { x: 200, y: 200 });
    await dragFromPalette(page, "filter", { x: 500, y: 200 });
    await connect(page, { source: "kafka-source-1", target: "filter-2", targetHandle: null });
    await expect(page.locator(".react-flow__edge")).toHaveCount(1);

    await selectNode(page, "filter-2");
    await canvasNode(page, "filter-2").press("Backspace");
    await expect(page.locator(".react-flow__node")).toHaveCount(1);
    await expect(page.locator(".react-flow__edge")).toHaveCount(0);

    await page.keyboard.press("ControlOrMeta+z");
    await expect(page.locator(".react-flow__node")).toHaveCount(2);
    await expect(page.locator(".react-flow__edge")).toHaveCount(1);

    await page.keyboard.press("ControlOrMeta+Shift+z");
    await expect(page.locator(".react-flow__node")).toHaveCount(1);
  });

  test("keeps nodes when Backspace is typed in a form field", async ({ page, request }) => {
    const seeded = await seedPipeline(request, { name: uniqueName("Backspace"), graph: emptyGraph });
    await page.goto(`/pipelines/${seeded.id}`);
    await dragFromPalette(page, "kafka-sink", { x: 300, y: 200 });
    const topic = inspector(page).getByTestId("field-topic");
    await topic.fill("audit");
    await topic.press("Backspace");
    await topic.press("Backspace");
    await expect(topic).toHaveValue("aud");
    await expect(canvasNode(page, "kafka-sink-1")).toBeVisible();
  });

  test("asks before leaving with unsaved changes", async ({ page, request }) => {
    const seeded = await seedPipeline(request, { name: uniqueName("Leaving"), graph: emptyGraph });
    await page.goto(`/pipelines/${seeded.id}`);
    await page.getByTestId("palette-filter").click();
    await expect(page.getByTestId("save-state")).toContainText("Unsaved changes");

    const dismissed = page.waitForEvent("dialog").then((dialog) => dialog.dismiss());
    await page.getByRole("link", { name: "Back to pipelines" }).click();
    await dismissed;
    await expect(page).toHaveURL(`/pipelines/${seeded.id}`);

    await page.keyboard.press("ControlOrMeta+s");
    await expect(page.getByTestId("save-state")).toContainText("Saved · v2");
    await page.getByRole("link", { name: "Back to pipelines" }).click();
    await expect(page).toHaveURL("/");
  });

  test("refuses to overwrite a version saved elsewhere and shows the server's reason", async ({ page, request }) => {
    const seeded = await seedPipeline(request, { name: uniqueName("Conflict"), graph: emptyGraph });
    await page.goto(`/pipelines/${seeded.id}`);
    await page.getByTestId("palette-kafka-source").click();

    const elsewhere = await request.put(`/api/pipelines/${seeded.id}`, { data: { graph: emptyGraph, draft: true, message: "Saved from another tab" } });
    expect(elsewhere.status()).toBe(200);

    await page.keyboard.press("ControlOrMeta+s");
    await expect(page.getByTestId("editor-error")).toContainText("Could not save: The pipeline was saved elsewhere since version 1");
    await expect(page.getByTestId("save-state")).toContainText("Unsaved changes");
    expect((await fetchPipeline(request, seeded.id)).version).toBe(2);
  });

  test("shows a friendly page for a pipeline that does not exist", async ({ page }) => {
    await page.goto("/pipelines/no-such-pipeline");
    await expect(page.getByTestId("not-found")).toContainText("Pipeline not found");
    await page.getByRole("link", { name: "Go to pipelines" }).click();
    await expect(page).toHaveURL("/");
  });
});
