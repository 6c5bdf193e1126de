import { expect, test, type Page } from "@playwright/test";
import { uniqueName } from "./fixtures/pipelines";
import { fetchPipeline, seedPipeline } from "./support/api";
import { canvasNode, inspector, selectNode } from "./support/editor";
import { ordersGraph } from "./support/graphs";
import { createTopic, produce, uniqueToken } from "./support/kafka";

/** Orders of known amounts; the draft keeps those over 30. */
const orders = [
  { id: "a", amount: 5 },
  { id: "b", amount: 15 },
  { id: "c", amount: 35 },
  { id: "d", amount: 25 },
  { id: "e", amount: 45 },
  { id: "f", amount: 31 },
];

/** Replaces the text of the expression editor in the inspector, as a user types it. */
async function typeExpression(page: Page, testId: string, text: string) {
  const editor = inspector(page).getByTestId(testId).locator(".cm-content");
  await editor.click();
  await page.keyboard.press("ControlOrMeta+A");
  await page.keyboard.press("Delete");
  if (!text) return;
  await page.keyboard.type(text);
  await expect(editor).toHaveText(text);
}

test.describe("Previewing a draft", () => {
  test("previews a draft and shows the expected output rows", async ({ page, request }) => {
    const topics = { input: uniqueToken("e2e-preview-orders-"), output: uniqueToken("e2e-preview-large-") };
    await createTopic(topics.input);
    await produce(topics.input, orders);
    const pipeline = await seedPipeline(request, { name: uniqueName("Preview"), graph: ordersGraph(topics, 10) });
    await page.goto(`/pipelines/${pipeline.id}`);

    await selectNode(page, "large");
    await typeExpression(page, "field-condition", "amount > 30");
    await expect(page.getByTestId("save-state")).toContainText("Unsaved changes");

    const answered = page.waitForResponse((response) => response.url().endsWith(`/api/pipelines/${pipeline.id}/preview`));
    const started = Date.now();
    await page.getByTestId("preview").click();
    const response = await answered;
    const answeredMs = Date.now() - started;
    await expect(canvasNode(page, "large").getByTestId("node-preview-large")).toHaveAttribute("data-records-out", "3");
    const body = (await response.json()) as { preview: { durationMs: number } };
    console.log(`preview: answered ${answeredMs} ms after the click (server ${body.preview.durationMs} ms), drawn after ${Date.now() - started} ms`);
    expect(answeredMs).toBeLessThan(2_000);
    await expect(canvasNode(page, "orders").getByTestId("node-preview-orders")).toHaveAttribute("data-records-out", String(orders.length));

    await selectNode(page, "shape");
    await page.getByTestId("drawer-tab-samples").click();
    const panel = page.getByTestId("sample-panel");
    await expect(panel).toHaveAttribute("data-node-id", "shape");
    await expect(panel.getByText("Preview", { exact: true })).toBeVisible();
    await panel.getByRole("button", { name: "Raw" }).click();
    await expect(panel.getByTestId("samples-out").getByTestId("sample-record").locator("pre")).toHaveText([
      '{"order_id":"c","cents":3500}',
      '{"order_id":"e","cents":4500}',
      '{"order_id":"f","cents":3100}',
    ]);
    await expect(panel.getByTestId("samples-in").getByTestId("sample-record")).toHaveCount(3);

    // A preview runs the draft without saving it.
    await expect(page.getByTestId("save-state")).toContainText("Unsaved changes");
    expect((await fetchPipeline(request, pipeline.id)).version).toBe(1);
  });

  test("shows a draft's run-time errors on their node and in the drawer", async ({ page, request }) => {
    const topics = { input: uniqueToken("e2e-preview-ratio-"), output: uniqueToken("e2e-preview-ratio-out-") };
    await createTopic(topics.input);
    await produce(topics.input, [
      { id: "a", amount: 20, qty: 4 },
      { id: "b", amount: 30, qty: 0 },
    ]);
    const pipeline = await seedPipeline(request, { name: uniqueName("Preview errors"), graph: ordersGraph(topics, 10) });
    await page.goto(`/pipelines/${pipeline.id}`);

    await selectNode(page, "shape");
    await typeExpression(page, "field-fields.1.expression", "amount / qty");
    await page.getByTestId("preview").click();

    const badge = canvasNode(page, "shape").getByTestId("node-preview-shape");
    await expect(badge).toHaveAttribute("data-failures", "1");
    await expect(badge).toContainText("1 failed");
    await page.getByTestId("drawer-tab-samples").click();
    await expect(page.getByTestId("node-preview-failures")).toContainText("1 record failed here");
    await expect(page.getByTestId("node-preview-failures")).toContainText("D3001");

    await page.getByTestId("drawer-tab-dead-letters").click();
    const failure = page.getByTestId("preview-failures").getByTestId("preview-failure");
    await expect(failure).toHaveCount(1);
    await expect(failure).toContainText("In cents");
    await expect(failure).toContainText(topics.input);
  });

  test("refuses to preview a draft with problems and lists them", async ({ page, request }) => {
    const topics = { input: uniqueToken("e2e-preview-broken-"), output: uniqueToken("e2e-preview-broken-out-") };
    const pipeline = await seedPipeline(request, { name: uniqueName("Preview refused"), graph: ordersGraph(topics, 10) });
    await page.goto(`/pipelines/${pipeline.id}`);

    await selectNode(page, "large");
    await typeExpression(page, "field-condition", "");
    await expect(inspector(page).getByTestId("field-errors")).toHaveText("Expression is required");
    await page.getByTestId("preview").click();

    const panel = page.getByTestId("problems-panel");
    await expect(panel.getByTestId("refusal")).toContainText("Preview refused: 1 problem to fix first");
    await expect(panel.getByTestId("problem")).toContainText("Expression is required");
    await expect(canvasNode(page, "large").getByTestId("node-preview-large")).toHaveCount(0);
  });
});
