import { expect, test, type Page } from "@playwright/test";
import { wordCountTemplate } from "@/engine/graph";
import { emptyGraph, uniqueName } from "./fixtures/pipelines";
import { fetchPipeline, seedPipeline } from "./support/api";
import { canvasNode, selectNode } from "./support/editor";
import { ordersGraph } from "./support/graphs";

/** Operator cards on the canvas (notes excluded). */
const operators = (page: Page) => page.locator(".react-flow__node:not(.react-flow__node-note)");
const edges = (page: Page) => page.locator(".react-flow__edge");
const clipboardText = (page: Page) => page.evaluate(() => navigator.clipboard.readText());

/** Puts the pointer over an empty spot of the canvas (where a paste lands). */
async function hoverEmptyCanvas(page: Page, at = { x: 300, y: 420 }) {
  await page.locator(".react-flow__pane").hover({ position: at });
}

async function openEditor(page: Page, id: string) {
  await page.goto(`/pipelines/${id}`);
  await expect(page.getByTestId("pipeline-editor")).toBeVisible({ timeout: 90_000 });
}

test.describe("Canvas clipboard", () => {
  test.use({ permissions: ["clipboard-read", "clipboard-write"] });
  // The shared machine is slow under load; pages have been seen to take most of a minute to load.
  test.setTimeout(240_000);

  test("copies nodes with their internal edge as pipeline JSON, pastes them at the pointer with new ids, undoes the paste in one step, and pastes into another pipeline", async ({ page, request }) => {
    const suffix = Date.now().toString(36);
    const source = await seedPipeline(request, { name: uniqueName("Clipboard from"), graph: ordersGraph({ input: `orders-${suffix}`, output: `big-${suffix}` }) });
    const target = await seedPipeline(request, { name: uniqueName("Clipboard to"), graph: emptyGraph });
    await openEditor(page, source.id);
    await expect(operators(page)).toHaveCount(4);

    await selectNode(page, "large");
    await canvasNode(page, "shape").click({ modifiers: ["ControlOrMeta"] });
    await expect(page.locator(".react-flow__node.selected")).toHaveCount(2);
    await page.keyboard.press("ControlOrMeta+c");
    const copied = JSON.parse(await clipboardText(page)) as { version: number; nodes: { id: string }[]; edges: { id: string }[] };
    expect(copied.version).toBe(1);
    expect(copied.nodes.map((node) => node.id)).toEqual(["large", "shape"]);
    // Only the edge between the two copied nodes: the ones to the source and sink would dangle.
    expect(copied.edges.map((edge) => edge.id)).toEqual(["large-shape"]);

    await hoverEmptyCanvas(page);
    await page.keyboard.press("ControlOrMeta+v");
    await expect(operators(page)).toHaveCount(6);
    await expect(edges(page)).toHaveCount(4);
    const pastedFilter = canvasNode(page, "filter-1");
    const pastedMap = canvasNode(page, "map-2");
    await expect(pastedFilter).toHaveClass(/selected/);
    await expect(pastedMap).toHaveClass(/selected/);
    await expect(page.locator('.react-flow__edge[data-id="filter-1-map-2"]')).toHaveCount(1);
    // Relative positions kept (same row, same spacing as the originals), and centred near the pointer.
    const [a, b, pane] = [(await pastedFilter.boundingBox())!, (await pastedMap.boundingBox())!, (await page.locator(".react-flow__pane").boundingBox())!];
    const [origA, origB] = [(await canvasNode(page, "large").boundingBox())!, (await canvasNode(page, "shape").boundingBox())!];
    expect(Math.abs(b.y - a.y - (origB.y - origA.y))).toBeLessThan(2);
    expect(Math.abs(b.x - a.x - (origB.x - origA.x))).toBeLessThan(2);
    const centre = { x: (a.x + b.x + b.width) / 2, y: a.y + a.height / 2 };
    expect(Math.abs(centre.x - (pane.x + 300))).toBeLessThan(40);
    expect(Math.abs(centre.y - (pane.y + 420))).toBeLessThan(40);

    // One undo step takes the whole paste away.
    await page.locator(".react-flow__pane").click({ position: { x: 20, y: 20 } });
    await page.keyboard.press("ControlOrMeta+z");
    await expect(operators(page)).toHaveCount(4);
    await expect(edges(page)).toHaveCount(3);

    // The system clipboard carries it to another pipeline (or tab).
    await openEditor(page, target.id);
    await hoverEmptyCanvas(page);
    await page.keyboard.press("ControlOrMeta+v");
    await expect(operators(page)).toHaveCount(2);
    await expect(edges(page)).toHaveCount(1);
    await page.keyboard.press("ControlOrMeta+s");
    await expect(page.getByTestId("save-state")).toContainText("Saved · v2");
    const saved = await fetchPipeline(request, target.id);
    expect(saved.graph.nodes.map((node) => [node.id, node.type, node.data.label])).toEqual([
      ["filter-1", "filter", "Large orders"],
      ["map-2", "map", "In cents"],
    ]);
    expect(saved.graph.edges.map((edge) => [edge.source, edge.target])).toEqual([["filter-1", "map-2"]]);
  });

  test("duplicates, cuts and selects all from the keyboard, pastes a pipeline file from outside, and refuses invalid JSON without changing anything", async ({ page, request }) => {
    const suffix = Date.now().toString(36);
    const pipeline = await seedPipeline(request, { name: uniqueName("Clipboard keys"), graph: ordersGraph({ input: `orders-${suffix}`, output: `big-${suffix}` }) });
    await openEditor(page, pipeline.id);
    await expect(operators(page)).toHaveCount(4);

    await selectNode(page, "out");
    await page.keyboard.press("ControlOrMeta+d");
    const duplicate = canvasNode(page, "kafka-sink-1");
    await expect(duplicate).toBeVisible();
    await expect(duplicate).toHaveClass(/selected/);
    // Beside the original, not on top of it.
    const [original, copy] = [(await canvasNode(page, "out").boundingBox())!, (await duplicate.boundingBox())!];
    expect(Math.abs(copy.x - original.x) + Math.abs(copy.y - original.y)).toBeGreaterThan(30);

    await page.keyboard.press("ControlOrMeta+x");
    await expect(operators(page)).toHaveCount(4);
    expect(JSON.parse(await clipboardText(page)).nodes[0]).toMatchObject({ type: "kafka-sink", data: { label: "Large orders out" } });

    await page.locator(".react-flow__pane").click({ position: { x: 20, y: 20 } });
    await page.keyboard.press("ControlOrMeta+a");
    await expect(page.locator(".react-flow__node.selected")).toHaveCount(4);
    await expect(page.locator(".react-flow__edge.selected")).toHaveCount(3);

    // Text that is not a pipeline: a clear message, and the canvas stays as it was.
    await page.locator(".react-flow__pane").click({ position: { x: 20, y: 20 } });
    await page.evaluate(() => navigator.clipboard.writeText("{ not json"));
    await hoverEmptyCanvas(page);
    await page.keyboard.press("ControlOrMeta+v");
    await expect(page.getByTestId("canvas-notice")).toContainText("does not hold pipeline JSON");
    await expect(operators(page)).toHaveCount(4);
    await page.evaluate(() => navigator.clipboard.writeText(JSON.stringify({ version: 1, nodes: [{ id: "x", type: "teleport", position: { x: 0, y: 0 }, data: {} }], edges: [] })));
    await page.keyboard.press("ControlOrMeta+v");
    await expect(page.getByTestId("canvas-notice")).toContainText("at nodes.0.type");
    await expect(operators(page)).toHaveCount(4);

    // A pipeline file's text (as `streamline export` writes it) pastes as a whole.
    const file = JSON.stringify({ kind: "streamline-pipeline", name: "wc", graph: wordCountTemplate() });
    await page.evaluate((text) => navigator.clipboard.writeText(text), file);
    await page.keyboard.press("ControlOrMeta+v");
    await expect(operators(page)).toHaveCount(9);
    await expect(edges(page)).toHaveCount(7);
  });
});
