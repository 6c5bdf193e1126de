import { expect, test } from "@playwright/test";
import { uniqueName } from "./fixtures/pipelines";
import { seedPipeline } from "./support/api";
import { canvasNode, inspector, selectNode } from "./support/editor";
import { ordersGraph } from "./support/graphs";
import { produce, uniqueToken } from "./support/kafka";

// Every step reads the real broker (a consumer group joins per tail and search): generous on a loaded machine.
test.describe.configure({ timeout: 240_000 });
test.use({ actionTimeout: 30_000 });

/** A topic of this run with 50 orders, amounts 0–49; created through the API, filled as a user's producer would. */
async function seedOrdersTopic(request: import("@playwright/test").APIRequestContext): Promise<string> {
  const topic = uniqueToken("e2e-topics-");
  const created = await request.post("/api/topics", { data: { name: topic, partitions: 1 } });
  expect(created.status(), await created.text()).toBe(201);
  await produce(topic, Array.from({ length: 50 }, (_, i) => ({ id: `order-${i}`, amount: i, country: i % 2 === 0 ? "US" : "FR" })));
  return topic;
}

test.describe("Topic browser", () => {
  test("lists topics, searches a topic's messages with a filter and produces a test message", async ({ page, request }) => {
    const topic = await seedOrdersTopic(request);
    await page.goto("/");
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Topics" }).click();
    await expect(page).toHaveURL(/\/topics$/);
    await page.getByTestId("topic-filter").fill(topic);
    const row = page.getByTestId("topic-row").filter({ hasText: topic });
    await expect(row).toContainText("50", { timeout: 30_000 });
    await row.getByRole("link", { name: topic }).click();

    await expect(page.getByTestId("topic-name")).toHaveText(topic, { timeout: 30_000 });
    await expect(page.getByTestId("partitions-table")).toContainText("50", { timeout: 30_000 });
    await expect(page.getByTestId("tail-messages").getByTestId("topic-message")).toHaveCount(50, { timeout: 20_000 });

    await page.getByRole("button", { name: "Search" }).first().click();
    const search = page.getByTestId("search-panel");
    // A filter the expression checker refuses: the error names its code and position.
    await search.getByTestId("search-filter").fill("amount >");
    await search.getByTestId("search-run").click();
    await expect(search.getByTestId("search-error")).toContainText("S0202", { timeout: 30_000 });
    await expect(search.getByTestId("search-error")).toContainText("column 9");

    await search.getByTestId("search-filter").fill("amount > 45 AND country = 'US'");
    await search.getByTestId("search-run").click();
    await expect(search.getByTestId("search-end")).toContainText("Searched to the end", { timeout: 30_000 });
    const results = search.getByTestId("search-results").getByTestId("message-value");
    await expect(results).toHaveCount(2);
    await expect(results.first()).toContainText('"amount":46');
    await expect(results.last()).toContainText('"amount":48');

    // A bound stops the scan and offers to continue from its cursor.
    await search.getByTestId("search-filter").fill("country = 'FR'");
    await search.getByTestId("search-max-records").fill("10");
    await search.getByTestId("search-run").click();
    await expect(search.getByTestId("search-end")).toContainText("record bound", { timeout: 30_000 });
    await expect(search.getByTestId("search-results").getByTestId("topic-message")).toHaveCount(5);
    await search.getByTestId("search-continue").click();
    await expect(search.getByTestId("search-results").getByTestId("topic-message")).toHaveCount(10, { timeout: 30_000 });

    await page.getByTestId("produce-message").click();
    const dialog = page.getByTestId("produce-dialog");
    await dialog.getByTestId("produce-key").fill("order-test");
    await dialog.getByTestId("produce-value").fill('{"id": "order-test", "amount": 999');
    await expect(dialog.getByTestId("produce-submit")).toBeDisabled();
    await dialog.getByTestId("produce-value").fill('{"id": "order-test", "amount": 999}');
    await dialog.getByTestId("produce-submit").click();
    await expect(page.getByTestId("produce-notice")).toHaveText("Produced to partition 0 at offset 50.", { timeout: 30_000 });
    await page.getByRole("button", { name: "Live tail" }).click();
    await expect(page.getByTestId("tail-messages").getByTestId("message-value").first()).toContainText('"amount":999', { timeout: 20_000 });
  });

  test("says when a topic does not exist and offers to create it", async ({ page }) => {
    const topic = uniqueToken("e2e-missing-");
    await page.goto(`/topics/${topic}`);
    await expect(page.getByTestId("topic-error")).toContainText(`Topic ${topic} does not exist`, { timeout: 30_000 });
    await page.getByTestId("create-missing-topic").click();
    await expect(page.getByTestId("create-topic-name")).toHaveValue(topic);
    await page.getByTestId("create-topic-submit").click();
    await expect(page.getByTestId("topic-name")).toHaveText(topic, { timeout: 30_000 });
    await expect(page.getByTestId("tail-messages").or(page.getByTestId("live-tail"))).toContainText("no records yet", { timeout: 30_000 });
  });
});

test.describe("Topic fields in the editor", () => {
  test("complete topic names from the cluster and flag a sink that writes into the source topic", async ({ page, request }) => {
    const input = await seedOrdersTopic(request);
    const output = uniqueToken("e2e-topics-out-");
    const pipeline = await seedPipeline(request, { name: uniqueName("Topic fields"), graph: ordersGraph({ input, output }) });
    await page.goto(`/pipelines/${pipeline.id}`);
    await expect(page.getByTestId("pipeline-editor")).toBeVisible({ timeout: 90_000 });
    await expect(page.getByTestId("problem-count")).toHaveText("0", { timeout: 60_000 });

    // The source's topic exists; a typo is flagged.
    await selectNode(page, "orders");
    await expect(inspector(page).getByTestId("topic-status")).toContainText("Exists · 1 partition", { timeout: 30_000 });
    await inspector(page).getByTestId("field-topic").fill(`${input}-typo`);
    await expect(inspector(page).getByTestId("topic-status")).toContainText("does not exist");
    await inspector(page).getByTestId("field-topic").fill(input);

    // The sink's topic is missing: it will be created.
    await selectNode(page, "out");
    await expect(inspector(page).getByTestId("topic-status")).toContainText("Will be created at deploy with");
    // Pick the source's topic from the completion list: the sink would feed its own source.
    const field = inspector(page).getByTestId("field-topic");
    await field.fill(input.slice(0, -3));
    const option = inspector(page).getByTestId("topic-suggestions").getByRole("option", { name: new RegExp(input) });
    await option.click();
    await expect(field).toHaveValue(input);
    await expect(page.getByTestId("problem-count")).toHaveText("1", { timeout: 60_000 });
    await page.getByTestId("problems-toggle").click();
    await expect(page.getByTestId("problem").filter({ hasText: "feedback loop" })).toBeVisible();
    await expect(canvasNode(page, "out")).toBeVisible();
  });
});

test.describe("Topic browser screenshots @screenshots", () => {
  test("captures a topic's page with a search for the docs", async ({ page, request }) => {
    const topic = await seedOrdersTopic(request);
    // Light only: the app has no dark theme yet (a dark color scheme rendered the same page, checked 2026-12-02).
    for (const scheme of ["light"] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await page.goto(`/topics/${topic}`);
      await page.getByRole("button", { name: "Search" }).first().click();
      const search = page.getByTestId("search-panel");
      await search.getByTestId("search-filter").fill("amount > 40 AND country = 'US'");
      await search.getByTestId("search-run").click();
      await expect(search.getByTestId("search-end")).toContainText("Searched to the end", { timeout: 30_000 });
      await search.getByTestId("topic-message").first().click();
      await page.screenshot({ path: "docs/images/topic-browser.png", fullPage: false });
    }
  });
});
