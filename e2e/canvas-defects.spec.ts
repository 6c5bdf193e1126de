import { expect, test, type APIRequestContext, type Locator, type Page } from "@playwright/test";
import { wordCountTemplate } from "@/engine/graph";
import { uniqueName } from "./fixtures/pipelines";
import { seedPipeline } from "./support/api";
import { canvasNode, connect, inspector, selectNode } from "./support/editor";
import { ordersGraph } from "./support/graphs";
import { createTopic, produce, uniqueToken } from "./support/kafka";

async function openEditor(page: Page, id: string) {
  await page.goto(`/pipelines/${id}`);
  await expect(page.getByTestId("pipeline-editor")).toBeVisible({ timeout: 90_000 });
}

async function deploy(request: APIRequestContext, id: string) {
  const response = await request.post(`/api/pipelines/${id}/deploy`, { data: {} });
  expect(response.status(), await response.text()).toBe(202);
  await expect
    .poll(async () => ((await (await request.get(`/api/pipelines/${id}/status`)).json()) as { deployment: { status: string } | null }).deployment?.status, { timeout: 60_000 })
    .toBe("running");
}

/** Whether two elements' boxes overlap on screen. */
async function overlap(a: Locator, b: Locator): Promise<boolean> {
  const [x, y] = [(await a.boundingBox())!, (await b.boundingBox())!];
  return x.x < y.x + y.width && y.x < x.x + x.width && x.y < y.y + y.height && y.y < x.y + x.height;
}

const zoomOf = (page: Page) =>
  page.locator(".react-flow__viewport").evaluate((element) => new DOMMatrixReadOnly(getComputedStyle(element).transform).a);

test.describe("Canvas defects (issue 15)", () => {
  test.setTimeout(150_000);

  test("on the running canvas a click on a node opens its records as well as the inspector, and no overlay covers a node with the drawer open (defects 9 and 4)", async ({ page, request }) => {
    const suffix = Date.now().toString(36);
    const pipeline = await seedPipeline(request, { name: uniqueName("Running canvas"), graph: ordersGraph({ input: `e2e-canvas-orders-${suffix}`, output: `e2e-canvas-big-${suffix}` }) });
    await deploy(request, pipeline.id);
    await openEditor(page, pipeline.id);
    await expect(page.getByTestId("canvas-live-legend")).toBeVisible({ timeout: 30_000 });

    await canvasNode(page, "large").click();
    await expect(inspector(page)).toHaveAttribute("data-node-id", "large");
    await expect(page.getByTestId("samples-tab")).toBeVisible();
    await expect(page.getByTestId("editor-drawer")).toHaveAttribute("data-open", "true");

    // With the drawer open the view follows, and neither the legend nor Auto layout sits on a card.
    for (const width of [1440, 1024]) {
      await page.setViewportSize({ width, height: 768 });
      for (const id of ["orders", "large", "shape", "out"]) {
        const node = canvasNode(page, id);
        await expect.poll(() => overlap(page.getByTestId("canvas-live-legend"), node), { message: `legend over ${id} at ${width}` }).toBe(false);
        await expect.poll(() => overlap(page.getByTestId("auto-layout"), node), { message: `Auto layout over ${id} at ${width}` }).toBe(false);
      }
    }
    await request.post(`/api/pipelines/${pipeline.id}/stop`, { data: {} });
  });

  test("the Deploy refused message keeps clear of the inspector's header (defect 4)", async ({ page, request }) => {
    // Valid for the embedded engine, refused by the server for Flink (its JSON source has no field used downstream):
    // a refusal the editor cannot foresee, so Deploy is enabled and the message shows.
    const suffix = Date.now().toString(36);
    const graph = {
      version: 1,
      nodes: [
        { id: "orders", type: "kafka-source", position: { x: 0, y: 0 }, data: { label: "Orders", topic: `e2e-refused-in-${suffix}`, format: "json", startFrom: "earliest" } },
        { id: "out", type: "kafka-sink", position: { x: 288, y: 0 }, data: { label: "Copy", topic: `e2e-refused-out-${suffix}`, format: "json" } },
      ],
      edges: [{ id: "orders-out", source: "orders", target: "out", targetHandle: null }],
    };
    const pipeline = await seedPipeline(request, { name: uniqueName("Refused on Flink"), graph });
    await openEditor(page, pipeline.id);
    for (const width of [1440, 1024]) {
      await page.setViewportSize({ width, height: 768 });
      await selectNode(page, "out");
      const header = inspector(page).getByTestId("inspector-header");
      await expect(header).toBeVisible();
      await page.getByTestId("deploy-options").click();
      await page.getByTestId("deploy-runtime").getByText("Apache Flink").click();
      await page.getByTestId("deploy-confirm").click();
      const refusal = page.getByTestId("deploy-error");
      await expect(refusal).toContainText("Deploy refused");
      await expect(refusal).toContainText("no field of this JSON source is used downstream");
      await expect.poll(() => overlap(refusal, header), { message: `refusal over the inspector header at ${width}` }).toBe(false);
      await expect.poll(() => overlap(refusal, page.getByTestId("editor-side-panel")), { message: `refusal over the inspector at ${width}` }).toBe(false);
      // The refusal stays inside the window.
      const box = (await refusal.boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(0);
      await refusal.getByRole("button", { name: "Dismiss" }).click();
      await expect(refusal).toBeHidden();
    }
  });

  test("a preview's sink says it would write, and its failures are counted apart from real dead letters", async ({ page, request }) => {
    const topics = { input: uniqueToken("e2e-canvas-preview-"), output: uniqueToken("e2e-canvas-preview-out-") };
    await createTopic(topics.input);
    await produce(topics.input, [
      { id: "a", amount: 50, qty: 2 },
      { id: "b", amount: 30, qty: 0 },
    ]);
    const graph = ordersGraph(topics, 10);
    graph.nodes[2]!.data = { label: "Per item", fields: [{ name: "order_id", expression: "id" }, { name: "each", expression: "amount / qty" }] };
    const pipeline = await seedPipeline(request, { name: uniqueName("Preview sink"), graph });
    await openEditor(page, pipeline.id);
    await page.getByTestId("preview").click();
    await expect(canvasNode(page, "shape").getByTestId("node-preview-shape")).toHaveAttribute("data-failures", "1");

    await selectNode(page, "out");
    await page.getByTestId("drawer-tab-samples").click();
    const column = page.getByTestId("samples-out");
    await expect(column).toContainText("Would write to Kafka");
    await expect(column).not.toContainText("Written to Kafka");

    await expect(page.getByTestId("dead-letters-preview-count")).toHaveText("preview 1");
    await expect(page.getByTestId("dead-letters-live-count")).toHaveCount(0);
  });

  test("the source's format hint matches the selected format", async ({ page, request }) => {
    const pipeline = await seedPipeline(request, { name: uniqueName("Format hint"), graph: ordersGraph({ input: "orders-hint", output: "out-hint" }) });
    await openEditor(page, pipeline.id);
    await selectNode(page, "orders");
    const form = inspector(page);
    await expect(form.getByTestId("field-format")).toHaveValue("json");
    await expect(form).toContainText("Each value is a JSON object");
    await expect(form).not.toContainText("Text records");
    await form.getByTestId("field-format").selectOption("text");
    await expect(form).toContainText("single field, text");
    await expect(form).not.toContainText("JSON object");
  });

  test("the word count opens at a readable zoom, starting from its source", async ({ page, request }) => {
    const pipeline = await seedPipeline(request, { name: uniqueName("Word count zoom"), graph: wordCountTemplate() });
    await openEditor(page, pipeline.id);
    await expect(canvasNode(page, "lines")).toBeVisible();
    const zoom = await zoomOf(page);
    expect(zoom).toBeGreaterThanOrEqual(0.8);
    expect(zoom).toBeLessThanOrEqual(1);
    await expect(canvasNode(page, "lines")).toBeInViewport({ ratio: 1 });
    await expect(page.getByTestId("canvas-live-legend")).toHaveCount(0);
  });

  test("a second connection dropped onto an occupied input says why it was refused", async ({ page, request }) => {
    const pipeline = await seedPipeline(request, { name: uniqueName("Occupied input"), graph: ordersGraph({ input: "orders-occupied", output: "out-occupied" }) });
    await openEditor(page, pipeline.id);
    await connect(page, { source: "orders", target: "shape", targetHandle: null });
    await expect(page.getByTestId("canvas-notice")).toContainText("already has an input");
    await expect(page.locator(".react-flow__edge")).toHaveCount(3);
  });
});
