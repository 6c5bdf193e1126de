import { expect as baseExpect, test, type Page } from "@playwright/test";
import { uniqueName } from "./fixtures/pipelines";
import { seedPipeline } from "./support/api";
import { canvasNode, inspector, selectNode } from "./support/editor";
import { createTopic, produce, uniqueToken } from "./support/kafka";

/*
 * The typed canvas: the schema inferred from a source topic's latest records on
 * the source, the record type on every edge, drift between the two, pinning the
 * schema into the document, and expression completion from the keyboard.
 */

// Sampling reads Kafka after the editor has loaded; on a machine shared by several builds both can take a while.
const expect = baseExpect.configure({ timeout: 30_000 });

const start = Date.UTC(2026, 0, 1);
/** Orders with a nested customer, an optional note and a field of mixed kinds. */
const orders = Array.from({ length: 40 }, (_, i) => ({
  id: `o-${i}`,
  amount: 5 + i * 2.5,
  country: ["US", "DE", "FR"][i % 3],
  customer: { name: `c${i % 7}`, tier: i % 2 ? "gold" : "basic" },
  placed_at: start + i * 1000,
  code: i % 4 === 0 ? "X" : i,
  ...(i % 2 ? { note: "gift" } : {}),
}));

/** Orders over 10, reshaped by a map whose second field reads a field the records do not carry (drift). */
function typedGraph(input: string, output: string) {
  return {
    version: 1,
    nodes: [
      { id: "orders", type: "kafka-source", position: { x: 0, y: 0 }, data: { label: "Orders", topic: input, format: "json", startFrom: "earliest" } },
      { id: "large", type: "filter", position: { x: 320, y: 0 }, data: { label: "Large orders", condition: "amount > 10" } },
      {
        id: "shape",
        type: "map",
        position: { x: 640, y: 0 },
        data: { label: "Shape", fields: [{ name: "order_id", expression: "id" }, { name: "legacy", expression: "legacy_code" }] },
      },
      { id: "out", type: "kafka-sink", position: { x: 960, y: 0 }, data: { label: "Out", topic: output, format: "json", key: "order_id" } },
    ],
    edges: [
      { id: "orders-large", source: "orders", target: "large", targetHandle: null },
      { id: "large-shape", source: "large", target: "shape", targetHandle: null },
      { id: "shape-out", source: "shape", target: "out", targetHandle: null },
    ],
  };
}

const edgeType = (page: Page, edgeId: string) => page.locator(`[data-testid="edge-type"][data-edge-id="${edgeId}"]`);

async function openTypedPipeline(page: Page, request: Parameters<typeof seedPipeline>[0]) {
  const topics = { input: uniqueToken("e2e-typed-orders-"), output: uniqueToken("e2e-typed-out-") };
  await createTopic(topics.input, 2);
  await produce(topics.input, orders);
  const pipeline = await seedPipeline(request, { name: uniqueName("Typed canvas"), graph: typedGraph(topics.input, topics.output) });
  await page.goto(`/pipelines/${pipeline.id}`);
  // The first editor load after the server starts can be slow on a busy machine.
  await expect(page.locator(".react-flow__node")).toHaveCount(4, { timeout: 60_000 });
  return topics;
}

/** Places the cursor at the end of an expression editor's text. */
async function focusExpressionEnd(page: Page, testId: string) {
  const editor = inspector(page).getByTestId(testId).locator(".cm-content");
  await editor.click();
  await page.keyboard.press("ControlOrMeta+End");
  return editor;
}

test.describe("Typed canvas", () => {
  test("shows the inferred schema on the source, types and drift on the edges, and pins the schema", async ({ page, request }) => {
    test.slow();
    await openTypedPipeline(page, request);

    await test.step("the source card lists the sampled fields with types and presence", async () => {
      const strip = canvasNode(page, "orders").getByTestId("source-schema");
      await expect(strip).toContainText("40 records sampled");
      await expect(strip.locator("li").first()).toContainText("id");
      await expect(strip.locator("li").nth(1)).toContainText("amount");
      await expect(strip.locator("li").nth(1)).toContainText("DOUBLE");
      await expect(strip.locator("li").nth(1)).toContainText("100%");
    });

    await test.step("each edge carries its type; the one into the map warns of drift", async () => {
      await expect(edgeType(page, "orders-large")).toHaveText("any fields");
      await expect(edgeType(page, "shape-out")).toHaveText("2 fields");
      await edgeType(page, "shape-out").hover();
      await expect(page.getByTestId("edge-type-fields")).toContainText("order_id");
      await expect(page.getByTestId("edge-type-fields")).toContainText("legacy");
      await expect(edgeType(page, "large-shape")).toHaveAttribute("aria-label", /1 schema drift warning/);
      await edgeType(page, "large-shape").click();
      await expect(page.getByTestId("edge-drift")).toContainText("legacy_code");
      await expect(page.getByTestId("edge-drift")).toContainText("in the latest records of");
      await edgeType(page, "large-shape").click();
    });

    await test.step("the inspector shows every field, reports the mixed one, and suggests event time", async () => {
      await selectNode(page, "orders");
      const panel = inspector(page).getByTestId("source-schema-panel");
      await expect(panel.getByTestId("sampled-field")).toHaveCount(9);
      await expect(panel.locator('[data-field="customer.tier"]')).toContainText("STRING");
      await expect(panel.locator('[data-field="note"]')).toContainText("50%");
      await expect(panel.locator('[data-field="code"]').getByTestId("mixed-field")).toContainText("Mixed kinds");
      await panel.getByTestId("suggest-time-field").filter({ hasText: "placed_at" }).click();
      await expect(inspector(page).getByTestId("field-timeField")).toHaveValue("placed_at");
    });

    await test.step("pinning types the source: the edge lists the fields and the unknown field becomes a problem", async () => {
      await expect(page.getByTestId("problem-count")).toHaveText("0");
      await inspector(page).getByTestId("pin-schema").click();
      await expect(inspector(page).getByTestId("pinned-field")).toHaveCount(7);
      await expect(canvasNode(page, "orders").getByTestId("source-schema").getByLabel("Pinned")).toBeVisible();
      await expect(edgeType(page, "orders-large")).toHaveText("7 fields");
      await edgeType(page, "orders-large").hover();
      await expect(page.getByTestId("edge-type-fields")).toContainText("amount");
      await expect(page.getByTestId("edge-type-fields")).toContainText("DOUBLE");
      await expect(page.getByTestId("problem-count")).toHaveText("1");
      await expect(canvasNode(page, "shape").getByTestId("node-problem-marker")).toHaveText("1");
      // Editing a pinned type to something that is not a type is a problem on the source.
      const amountType = inspector(page).getByTestId("pinned-field-type").nth(1);
      await amountType.fill("MONEY");
      await expect(inspector(page).getByTestId("pinned-schema")).toContainText("'MONEY' is not a type");
      await amountType.fill("DECIMAL(10, 2)");
      await expect(page.getByTestId("problem-count")).toHaveText("1");
    });
  });

  /**
   * Accepts the selected completion. CodeMirror ignores Enter and Tab for `interactionDelay` (75 ms)
   * after the list opens or changes, so a keystroke that lands as the list appears types instead of
   * accepting; a fast run pressed Enter within that window and got no completion.
   */
  const acceptCompletion = async (page: Page, key: "Enter" | "Tab") => {
    await page.waitForTimeout(150);
    await page.keyboard.press(key);
  };

  test("completes a field and a function in an expression with the keyboard", async ({ page, request }) => {
    test.slow();
    await openTypedPipeline(page, request);
    // Wait for the sample, then pin it so the filter's input fields are known with their types.
    await expect(canvasNode(page, "orders").getByTestId("source-schema")).toContainText("records sampled");
    await selectNode(page, "orders");
    await inspector(page).getByTestId("pin-schema").click();

    await selectNode(page, "large");
    const editor = await focusExpressionEnd(page, "field-condition");
    const list = page.locator(".cm-tooltip-autocomplete");

    await page.keyboard.type(" AND coun");
    await expect(list).toBeVisible();
    await expect(list.locator('li[aria-selected="true"]')).toContainText("country");
    await expect(list.locator('li[aria-selected="true"]')).toContainText("STRING");
    await acceptCompletion(page, "Enter");
    await expect(editor).toHaveText("amount > 10 AND country");

    await page.keyboard.type(" = UPPE");
    await expect(list.locator('li[aria-selected="true"]')).toContainText("UPPER");
    await expect(list.locator('li[aria-selected="true"]')).toContainText("(s STRING) → STRING");
    // The info box gives the one-line doc and the link to the reference.
    await expect(page.locator(".cm-completionInfo")).toContainText("upper case");
    await expect(page.locator(".cm-completionInfo a")).toHaveAttribute("href", "/docs/expressions");
    await acceptCompletion(page, "Tab");
    await expect(editor).toHaveText("amount > 10 AND country = UPPER(");

    // After a row field and a dot only its fields are offered.
    await page.keyboard.type("customer.ti");
    await expect(list.locator('li[aria-selected="true"]')).toContainText("tier");
    await acceptCompletion(page, "Enter");
    await page.keyboard.type(")");
    await expect(editor).toHaveText("amount > 10 AND country = UPPER(customer.tier)");
    // Only the map's unknown field remains a problem: the completed expression checks.
    await expect(page.getByTestId("problem-count")).toHaveText("1");
    await expect(canvasNode(page, "large").getByTestId("node-problem-marker")).toHaveCount(0);

    // Hovering a function name shows its signature and doc.
    const box = await editor.evaluate((content) => {
      const walker = document.createTreeWalker(content, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const at = node.textContent!.indexOf("UPPER");
        if (at < 0) continue;
        const range = document.createRange();
        range.setStart(node, at + 1);
        range.setEnd(node, at + 3);
        const rect = range.getBoundingClientRect();
        return { x: rect.x + rect.width / 2, y: rect.y + rect.height / 2 };
      }
      return null;
    });
    expect(box).not.toBeNull();
    await page.mouse.move(box!.x, box!.y);
    await expect(page.getByTestId("function-doc")).toContainText("UPPER(s STRING) → STRING");
  });
});

test.describe("Typed canvas screenshots", { tag: "@screenshots" }, () => {
  for (const colorScheme of ["light", "dark"] as const) {
    test(`captures the typed canvas at 1440 px (${colorScheme})`, async ({ page, request }) => {
      test.slow();
      await page.emulateMedia({ colorScheme });
      await page.setViewportSize({ width: 1440, height: 900 });
      await openTypedPipeline(page, request);
      await expect(canvasNode(page, "orders").getByTestId("source-schema")).toContainText("records sampled");
      await selectNode(page, "orders");
      await inspector(page).getByTestId("pin-schema").click();
      await selectNode(page, "large");
      await focusExpressionEnd(page, "field-condition");
      await page.keyboard.type(" AND coun");
      await expect(page.locator(".cm-tooltip-autocomplete")).toBeVisible();
      await edgeType(page, "orders-large").hover();
      await expect(page.getByTestId("edge-type-fields")).toBeVisible();
      await page.screenshot({ path: `docs/images/typed-canvas-${colorScheme}.png` });
    });
  }
});
