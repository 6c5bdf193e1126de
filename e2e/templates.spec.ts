import { expect, test } from "@playwright/test";
import { pipelineTemplates } from "@/engine/graph";
import { collectJson, uniqueToken } from "./support/kafka";
import { signedInViewer } from "./support/viewer";

type Order = { order_id: string; status: string; amount: number };
type Shipped = { order_id: string; customer_id: string; country: string; total: number; items: number; size: string };

const isOrder = (value: unknown): value is Order => typeof value === "object" && value !== null && typeof (value as Order).order_id === "string" && typeof (value as Order).status === "string";
const isShipped = (value: unknown): value is Shipped => typeof value === "object" && value !== null && typeof (value as Shipped).order_id === "string" && typeof (value as Shipped).size === "string";

test.describe("Templates gallery", () => {
  test("is reached from the new-pipeline dialog and shows every template with its graph and topics", async ({ page }) => {
    await page.goto("/");
    await page.getByTestId("new-pipeline").click();
    await page.getByTestId("new-pipeline-dialog").getByTestId("browse-templates").click();
    await expect(page).toHaveURL(/\/templates$/);
    const gallery = page.getByTestId("templates-gallery");
    await expect(gallery.locator("article")).toHaveCount(pipelineTemplates.length, { timeout: 30_000 });
    for (const template of pipelineTemplates) {
      const card = gallery.getByTestId(`template-${template.id}`);
      await expect(card.getByRole("heading", { name: template.title })).toBeVisible();
      await expect(card.getByRole("img", { name: /^Graph: / })).toBeVisible();
      await expect(card.getByTestId(`template-topic-${template.id}-${template.topics[0]!.role}`)).toHaveValue(template.topics[0]!.defaultName);
    }
  });

  test("loads a template's sample data, creates the pipeline from it, deploys it and sees its records arrive", async ({ page, request }) => {
    test.slow();
    const token = uniqueToken("");
    const orders = `e2e-tpl-orders-${token}`;
    const shipped = `e2e-tpl-ship-${token}`;
    let pipelineId: string | null = null;
    try {
      await page.goto("/templates");
      const card = page.getByTestId("template-filter-orders");
      await card.getByTestId("template-topic-filter-orders-orders").fill(orders);
      await card.getByTestId("template-topic-filter-orders-output").fill(shipped);

      await test.step("load sample data: the topic is created and filled", async () => {
        await card.getByTestId("load-sample-filter-orders").click();
        await expect(card.getByTestId("sample-result-filter-orders")).toContainText(`600 records to ${orders} (created)`, { timeout: 30_000 });
      });

      await test.step("use the template: the editor opens on a valid pipeline of those topics", async () => {
        await card.getByTestId("use-template-filter-orders").click();
        await expect(page).toHaveURL(/\/pipelines\/[^/]+$/);
        pipelineId = decodeURIComponent(new URL(page.url()).pathname.split("/").at(-1)!);
        await expect(page.locator(".react-flow__node")).toHaveCount(4, { timeout: 30_000 });
        const saved = await request.get(`/api/pipelines/${pipelineId}`);
        const graph = (await saved.json()).pipeline.graph as { nodes: { type: string; data: { topic?: string } }[] };
        expect(graph.nodes.filter((n) => n.data.topic).map((n) => n.data.topic)).toEqual([orders, shipped]);
      });

      await test.step("deploy it and read every paid order of 50 or more, reshaped, from the output topic", async () => {
        await page.getByTestId("deploy").click();
        await expect(page.getByTestId("status-pill")).toHaveAttribute("data-status", "running", { timeout: 45_000 });
        const input = await collectJson(orders, isOrder, (seen) => seen.length >= 600);
        expect(input).toHaveLength(600);
        const expected = input.filter((o) => o.status === "paid" && o.amount >= 50).map((o) => o.order_id);
        expect(expected.length).toBeGreaterThan(100);
        const output = await collectJson(shipped, isShipped, (seen) => seen.length >= expected.length, 40_000);
        expect(output.map((o) => o.order_id).sort()).toEqual([...expected].sort());
        for (const o of output) expect(o.size).toBe(o.total >= 250 ? "large" : "regular");
      });
    } finally {
      if (pipelineId) await request.post(`/api/pipelines/${pipelineId}/stop`);
    }
  });

  test("appends to a topic that exists, and refuses a bad topic name before sending", async ({ page }) => {
    const logs = `e2e-tpl-logs-${uniqueToken("")}`;
    await page.goto("/templates");
    const card = page.getByTestId("template-route-logs");
    const topic = card.getByTestId("template-topic-route-logs-logs");
    await topic.fill("bad topic!");
    await expect(card.getByRole("alert").or(card.getByText(/may contain only letters/))).toBeVisible();
    await expect(card.getByTestId("load-sample-route-logs")).toBeDisabled();
    await topic.fill(logs);
    await card.getByTestId("load-sample-route-logs").click();
    await expect(card.getByTestId("sample-result-route-logs")).toContainText(`1,500 records to ${logs} (created)`, { timeout: 30_000 });
    await card.getByTestId("load-sample-route-logs").click();
    await expect(card.getByTestId("sample-result-route-logs")).toHaveText(new RegExp(`1,500 records to ${logs}\\. `), { timeout: 30_000 });
  });

  test("lets a viewer browse but offers no way to create or load", async ({ page, request, browser, baseURL }) => {
    const viewer = await signedInViewer(request, browser, baseURL);
    try {
      await viewer.goto("/templates");
      await expect(viewer.getByTestId("templates-gallery").locator("article")).toHaveCount(pipelineTemplates.length);
      await expect(viewer.getByRole("button", { name: /Use template|Load sample data/ })).toHaveCount(0);
      const refused = await viewer.request.post("/api/templates/word-count/sample-data", { data: {}, headers: { origin: baseURL! } });
      expect(refused.status()).toBe(403);
    } finally {
      await viewer.context().close();
    }
    void page;
  });
});
