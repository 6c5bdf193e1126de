import { expect, test, type Page } from "@playwright/test";
import { uniqueName } from "./fixtures/pipelines";
import { fetchPipeline, seedPipeline } from "./support/api";
import { canvasNode, inspector, selectNode } from "./support/editor";
import { ordersGraph } from "./support/graphs";
import { createTopic, produce, uniqueToken } from "./support/kafka";

const operators = (page: Page) => page.locator(".react-flow__node:not(.react-flow__node-note)");
const edge = (page: Page, id: string) => page.locator(`.react-flow__edge[data-id="${id}"]`);

/** Right-clicks a point a third of the way along the connection between two nodes (edges are too thin for a locator click). */
async function rightClickEdge(page: Page, source: string, target: string) {
  const from = (await canvasNode(page, source).locator(".react-flow__handle.source").boundingBox())!;
  const to = (await canvasNode(page, target).locator(".react-flow__handle.target").boundingBox())!;
  const [x1, y1, x2, y2] = [from.x + from.width / 2, from.y + from.height / 2, to.x + to.width / 2, to.y + to.height / 2];
  await page.mouse.click(x1 + (x2 - x1) / 3, y1 + (y2 - y1) / 3, { button: "right" });
}

async function openEditor(page: Page, request: Parameters<typeof seedPipeline>[0], name: string) {
  const suffix = Date.now().toString(36);
  const pipeline = await seedPipeline(request, { name: uniqueName(name), graph: ordersGraph({ input: `orders-${suffix}`, output: `big-${suffix}` }) });
  await page.goto(`/pipelines/${pipeline.id}`);
  await expect(page.getByTestId("pipeline-editor")).toBeVisible({ timeout: 90_000 });
  await expect(operators(page)).toHaveCount(4);
  return pipeline;
}

test.describe("Canvas context menus", () => {
  // The shared machine is slow under load; pages have been seen to take most of a minute to load.
  test.setTimeout(240_000);

  test("a node's menu duplicates, renames, shows records and deletes", async ({ page, request }) => {
    await openEditor(page, request, "Node menu");
    await canvasNode(page, "large").click({ button: "right" });
    await expect(page.getByTestId("context-menu-node")).toBeVisible();
    await page.getByTestId("menu-duplicate").click();
    await expect(canvasNode(page, "filter-1")).toBeVisible();
    await expect(operators(page)).toHaveCount(5);

    await canvasNode(page, "filter-1").click({ button: "right" });
    await page.getByTestId("menu-rename").click();
    const label = inspector(page).getByTestId("field-label");
    await expect(label).toBeFocused();
    await label.fill("Copy of large");
    await expect(canvasNode(page, "filter-1")).toContainText("Copy of large");

    await canvasNode(page, "shape").click({ button: "right" });
    await page.getByTestId("menu-show-records").click();
    await expect(page.getByTestId("samples-tab")).toBeVisible();
    await expect(inspector(page)).toHaveAttribute("data-node-id", "shape");

    await canvasNode(page, "filter-1").click({ button: "right" });
    await page.getByTestId("menu-delete").click();
    await expect(canvasNode(page, "filter-1")).toHaveCount(0);
    await expect(operators(page)).toHaveCount(4);
  });

  test("a connection's menu inserts a picked node into it and deletes it", async ({ page, request }) => {
    const pipeline = await openEditor(page, request, "Edge menu");
    await rightClickEdge(page, "large", "shape");
    await expect(page.getByTestId("context-menu-edge")).toBeVisible();
    await page.getByTestId("menu-insert-node").click();
    await expect(page.getByTestId("node-picker")).toBeVisible();
    await page.getByTestId("node-picker-search").fill("dedup");
    await page.keyboard.press("Enter");
    await expect(canvasNode(page, "deduplicate-1")).toBeVisible();
    await expect(edge(page, "large-shape")).toHaveCount(0);
    await expect(edge(page, "large-deduplicate-1")).toHaveCount(1);
    await expect(edge(page, "deduplicate-1-shape")).toHaveCount(1);

    await rightClickEdge(page, "orders", "large");
    await page.getByTestId("menu-delete").click();
    await expect(edge(page, "orders-large")).toHaveCount(0);

    await page.keyboard.press("ControlOrMeta+s");
    await expect(page.getByTestId("save-state")).toContainText("Saved · v2");
    const saved = await fetchPipeline(request, pipeline.id);
    expect(saved.graph.edges.map((e) => e.id).sort()).toEqual(["deduplicate-1-shape", "large-deduplicate-1", "shape-out"]);
  });

  test("the canvas menu adds a node and a note, lays out and fits the view", async ({ page, request }) => {
    await openEditor(page, request, "Canvas menu");
    const pane = page.locator(".react-flow__pane");
    await pane.click({ button: "right", position: { x: 400, y: 450 } });
    await expect(page.getByTestId("context-menu-pane")).toBeVisible();
    await page.getByTestId("menu-add-node").click();
    await page.getByTestId("node-picker-filter").click();
    await expect(canvasNode(page, "filter-1")).toBeVisible();
    await expect(inspector(page)).toHaveAttribute("data-node-id", "filter-1");

    await pane.click({ button: "right", position: { x: 700, y: 500 } });
    await page.getByTestId("menu-add-note").click();
    await expect(page.getByTestId("note-note-2")).toBeVisible();

    const before = await canvasNode(page, "filter-1").boundingBox();
    await pane.click({ button: "right", position: { x: 60, y: 500 } });
    await page.getByTestId("menu-auto-layout").click();
    await expect.poll(async () => JSON.stringify(await canvasNode(page, "filter-1").boundingBox())).not.toBe(JSON.stringify(before));
    await pane.click({ button: "right", position: { x: 60, y: 500 } });
    await page.getByTestId("menu-fit-view").click();
    for (const id of ["orders", "large", "shape", "out", "filter-1"]) await expect(canvasNode(page, id)).toBeInViewport();
  });

  test("dropping a connection on empty canvas opens the picker there and connects the picked node; the palette searches with / and Enter", async ({ page, request }) => {
    await openEditor(page, request, "Drop connection");
    // Free the sink's input, then drag a new connection out of the map into empty space.
    const handle = canvasNode(page, "shape").locator(".react-flow__handle.source");
    const box = (await handle.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + 120, box.y + 200, { steps: 6 });
    await page.mouse.up();
    const picker = page.getByTestId("node-picker");
    await expect(picker).toBeVisible();
    await page.getByTestId("node-picker-search").fill("sink");
    await page.keyboard.press("Enter");
    await expect(canvasNode(page, "kafka-sink-1")).toBeVisible();
    // The new node is centred where the connection was dropped (the picker itself stays inside the canvas).
    const added = (await canvasNode(page, "kafka-sink-1").boundingBox())!;
    expect(Math.abs(added.x + added.width / 2 - (box.x + 120))).toBeLessThan(40);
    expect(Math.abs(added.y + added.height / 2 - (box.y + 200))).toBeLessThan(40);
    await expect(edge(page, "shape-kafka-sink-1")).toHaveCount(1);

    await page.locator(".react-flow__pane").click({ position: { x: 20, y: 20 } });
    await page.keyboard.press("/");
    await expect(page.getByTestId("palette-search")).toBeFocused();
    await page.keyboard.type("flat");
    await expect(page.getByTestId("palette-filter")).toHaveCount(0);
    await expect(page.getByTestId("palette-flat-map")).toBeVisible();
    await page.keyboard.press("Enter");
    await expect(canvasNode(page, "flat-map-2")).toBeVisible();

    // `?` lists the shortcuts; Escape closes the list.
    await page.locator(".react-flow__pane").click({ position: { x: 20, y: 20 } });
    await page.keyboard.press("?");
    await expect(page.getByTestId("keyboard-help")).toContainText("Duplicate the selection");
    await page.keyboard.press("Escape");
    await expect(page.getByTestId("keyboard-help")).toHaveCount(0);
  });

  test("a node's menu disables a map: it shows disabled, stays so after save and reload, passes records through unchanged in a preview, and D enables it again", async ({ page, request }) => {
    const topics = { input: uniqueToken("e2e-disable-orders-"), output: uniqueToken("e2e-disable-out-") };
    await createTopic(topics.input);
    const orders = [{ id: "a", amount: 5 }, { id: "b", amount: 15 }, { id: "c", amount: 35 }];
    await produce(topics.input, orders);
    const pipeline = await seedPipeline(request, { name: uniqueName("Disable"), graph: ordersGraph(topics, 10) });
    await page.goto(`/pipelines/${pipeline.id}`);
    await expect(page.getByTestId("pipeline-editor")).toBeVisible({ timeout: 90_000 });
    const shape = canvasNode(page, "shape");
    const badge = shape.getByTestId("node-disabled-badge");

    // A source has nothing to pass on: its item is there, greyed, with the reason.
    await canvasNode(page, "orders").click({ button: "right" });
    await expect(page.getByTestId("menu-disable")).toHaveAttribute("data-disabled", "");
    await expect(page.getByTestId("menu-disable-reason")).toContainText("no input to pass on");
    await page.keyboard.press("Escape");

    await shape.click({ button: "right" });
    await page.getByTestId("menu-disable").click();
    await expect(badge).toHaveText("Disabled");
    await expect(shape.locator("[data-disabled]")).toHaveCount(1);
    await page.keyboard.press("ControlOrMeta+s");
    await expect(page.getByTestId("save-state")).toContainText("Saved · v2");
    expect((await fetchPipeline(request, pipeline.id)).graph.nodes.find((node) => node.id === "shape")).toMatchObject({ disabled: true });

    await page.reload();
    await expect(badge).toHaveText("Disabled", { timeout: 90_000 });
    await shape.click({ button: "right" });
    await expect(page.getByTestId("menu-enable")).toBeVisible();
    await page.keyboard.press("Escape");

    // The preview runs the map as a pass-through: the orders over 10 come out as they went in.
    await page.getByTestId("preview").click();
    const previewBadge = shape.getByTestId("node-preview-shape");
    await expect(previewBadge).toHaveAttribute("data-records-in", "2");
    await expect(previewBadge).toHaveAttribute("data-records-out", "2");
    await selectNode(page, "shape");
    await expect(inspector(page).getByTestId("node-disabled-notice")).toContainText("pass through unchanged");
    await page.getByTestId("drawer-tab-samples").click();
    const panel = page.getByTestId("sample-panel");
    await expect(panel).toHaveAttribute("data-node-id", "shape");
    await panel.getByRole("button", { name: "Raw" }).click();
    const passed = ['{"id":"b","amount":15}', '{"id":"c","amount":35}'];
    await expect(panel.getByTestId("samples-out").getByTestId("sample-record").locator("pre")).toHaveText(passed);
    await expect(panel.getByTestId("samples-in").getByTestId("sample-record").locator("pre")).toHaveText(passed);

    // D toggles the selected node, and is undone like any edit.
    await selectNode(page, "shape");
    await page.keyboard.press("d");
    await expect(badge).toHaveCount(0);
    await page.keyboard.press("ControlOrMeta+z");
    await expect(badge).toHaveText("Disabled");
    await page.keyboard.press("ControlOrMeta+Shift+z");
    await expect(badge).toHaveCount(0);
    await page.keyboard.press("ControlOrMeta+s");
    await expect(page.getByTestId("save-state")).toContainText("Saved · v3");
    expect((await fetchPipeline(request, pipeline.id)).graph.nodes.find((node) => node.id === "shape")).not.toHaveProperty("disabled");

    await page.locator(".react-flow__pane").click({ position: { x: 20, y: 20 } });
    await page.keyboard.press("?");
    await expect(page.getByTestId("keyboard-help")).toContainText("Disable or enable the selected nodes");
  });
});
