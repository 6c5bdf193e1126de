import { expect, test, type APIRequestContext } from "@playwright/test";
import { Kafka, logLevel } from "kafkajs";
import { wordCountTemplate } from "@/engine/graph";
import { uniqueName } from "./fixtures/pipelines";
import { seedPipeline } from "./support/api";

/** A word count whose draft cannot deploy: the filter has no condition. */
function brokenWordCount() {
  const graph = wordCountTemplate({ input: "e2e-monitor-broken-in", output: "e2e-monitor-broken-out" });
  return { ...graph, nodes: graph.nodes.map((node) => (node.id === "non-empty" ? { ...node, data: { ...node.data, condition: "" } } : node)) };
}

/** Orders in, large orders out; a record that is not JSON becomes a dead letter. */
function ordersGraph(topics: { input: string; output: string }) {
  return {
    version: 1,
    nodes: [
      { id: "orders", type: "kafka-source", position: { x: 0, y: 0 }, data: { label: "Orders", topic: topics.input, format: "json", startFrom: "earliest" } },
      { id: "large", type: "filter", position: { x: 288, y: 0 }, data: { label: "Large orders", condition: "amount > 100" } },
      { id: "out", type: "kafka-sink", position: { x: 576, y: 0 }, data: { label: "Large orders out", topic: topics.output, format: "json", key: "id" } },
    ],
    edges: [
      { id: "orders-large", source: "orders", target: "large", targetHandle: null },
      { id: "large-out", source: "large", target: "out", targetHandle: null },
    ],
  };
}

async function deploy(request: APIRequestContext, id: string) {
  const response = await request.post(`/api/pipelines/${id}/deploy`, { data: {} });
  expect(response.status(), await response.text()).toBe(202);
}

async function deploymentStatus(request: APIRequestContext, id: string): Promise<string | null> {
  const body = (await (await request.get(`/api/pipelines/${id}/status`)).json()) as { deployment: { status: string } | null };
  return body.deployment?.status ?? null;
}

test.describe("Pipeline monitor", () => {
  test.describe("of a pipeline that was never deployed", () => {
    test("shows the graph read-only, a not-deployed status and a way to deploy", async ({ page, request }) => {
      const pipeline = await seedPipeline(request, { name: uniqueName("Monitor idle"), graph: wordCountTemplate() });
      await page.goto(`/pipelines/${pipeline.id}/monitor`);

      await expect(page.getByTestId("monitor-pipeline-name")).toHaveText(pipeline.name);
      await expect(page.getByTestId("status-pill").first()).toHaveAttribute("data-status", "not-deployed");
      await expect(page.getByTestId("live-node")).toHaveCount(5);
      await expect(page.getByTestId("live-rate-out").first()).toHaveText("—");
      await expect(page.getByTestId("monitor-not-deployed")).toContainText("Not deployed yet");
      await expect(page.getByTestId("not-deployed-deploy")).toHaveText("Deploy v1");
      await expect(page.getByTestId("stop")).toBeDisabled();
      await expect(page.getByTestId("deploy")).toBeEnabled();
      await expect(page.getByTestId("open-editor")).toHaveAttribute("href", `/pipelines/${pipeline.id}`);
    });

    test("opens a node's records from the graph and closes them again", async ({ page, request }) => {
      const pipeline = await seedPipeline(request, { name: uniqueName("Monitor samples"), graph: wordCountTemplate() });
      await page.goto(`/pipelines/${pipeline.id}/monitor`);

      await page.locator('.react-flow__node[data-id="count"]').click();
      const panel = page.getByTestId("sample-panel");
      await expect(panel).toHaveAttribute("data-node-id", "count");
      await expect(page).toHaveURL(/[?&]node=count\b/);
      await expect(panel.getByTestId("samples-in")).toContainText("Deploy the pipeline to see the records");
      await expect(panel.getByTestId("samples-out")).toContainText("0 records");

      await panel.getByRole("button", { name: "Close records" }).click();
      await expect(panel).toBeHidden();
      await expect(page).not.toHaveURL(/node=/);
    });

    test("lists no dead letters yet", async ({ page, request }) => {
      const pipeline = await seedPipeline(request, { name: uniqueName("Monitor no failures"), graph: wordCountTemplate() });
      await page.goto(`/pipelines/${pipeline.id}/monitor?tab=dead-letters`);
      await expect(page.getByTestId("tab-dead-letters")).toHaveAttribute("aria-selected", "true");
      await expect(page.getByTestId("dead-letters-empty")).toContainText("No failed records");
    });

    test("refuses to deploy a draft with problems and lists them", async ({ page, request }) => {
      const pipeline = await seedPipeline(request, { name: uniqueName("Monitor broken"), graph: brokenWordCount() });
      await page.goto(`/pipelines/${pipeline.id}/monitor`);
      await expect(page.getByTestId("monitor-not-deployed")).toContainText("1 problem to fix");

      await page.getByTestId("deploy").click();
      const error = page.getByTestId("deploy-error");
      await expect(error).toContainText("Deploy refused: 1 problem to fix");
      await expect(error.getByTestId("deploy-problems")).toContainText("Expression is required");
      await expect(page.getByTestId("status-pill").first()).toHaveAttribute("data-status", "not-deployed");
    });

    test("says so when the pipeline does not exist", async ({ page }) => {
      await page.goto("/pipelines/no-such-pipeline/monitor");
      await expect(page.getByTestId("not-found")).toContainText("Pipeline not found");
    });
  });

  test.describe("of a running pipeline", () => {

    test("shows live rates, the records of a node and the failed records", async ({ page, request }) => {
      test.slow();
      const suffix = Date.now().toString(36);
      const topics = { input: `e2e-monitor-orders-${suffix}`, output: `e2e-monitor-large-${suffix}` };
      const pipeline = await seedPipeline(request, { name: uniqueName("Monitor live"), graph: ordersGraph(topics) });
      await deploy(request, pipeline.id);
      await expect.poll(() => deploymentStatus(request, pipeline.id), { timeout: 30_000 }).toBe("running");

      const kafka = new Kafka({ clientId: "e2e-monitor", brokers: (process.env.KAFKA_BROKERS ?? "127.0.0.1:9092").split(","), logLevel: logLevel.NOTHING });
      const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
      await producer.connect();
      // Records keep coming while the page is open, so rates stay above zero whenever they are read.
      let producing = true;
      const production = (async () => {
        for (let batch = 0; producing; batch++) {
          const orders = Array.from({ length: 20 }, (_, index) => ({ value: JSON.stringify({ id: `o-${batch}-${index}`, amount: index * 20 }) }));
          await producer.send({ topic: topics.input, messages: batch === 0 ? [...orders, { value: "{not json" }] : orders });
          await new Promise((resolve) => setTimeout(resolve, 500));
        }
      })();

      try {
        await page.goto(`/pipelines/${pipeline.id}/monitor`);
        await expect(page.getByTestId("status-pill").first()).toHaveAttribute("data-status", "running");
        await expect(page.getByTestId("live-connection")).toHaveAttribute("data-connection", "live");

        await test.step("rates appear on the graph and in the headline figures", async () => {
          await expect(page.locator('.react-flow__node[data-id="orders"]').getByTestId("live-rate-out")).not.toHaveText(/^(—|0\/s)$/, { timeout: 20_000 });
          await expect(page.getByTestId("edge-rate").first()).not.toHaveText("0/s");
          await expect(page.getByTestId("stat-read").getByTestId("stat-value")).not.toHaveText(/^(—|0\/s)$/);
          await expect(page.getByTestId("throughput-chart").getByTestId("chart-empty")).toHaveCount(0);
        });

        await test.step("the records in and out of the filter show, and pausing holds them", async () => {
          await page.getByTestId("node-metrics-table").locator('[data-node-id="large"] button').click();
          const panel = page.getByTestId("sample-panel");
          await expect(panel.getByTestId("samples-in").getByTestId("sample-record").first()).toBeVisible({ timeout: 15_000 });
          await expect(panel.getByTestId("samples-out")).toContainText("amount");

          await panel.getByTestId("sample-filter").fill("no such value");
          await expect(panel.getByTestId("samples-out")).toContainText("No record matches the filter");
          await panel.getByTestId("sample-filter").fill("");

          await panel.getByTestId("sample-pause").click();
          await expect(panel.getByTestId("samples-paused")).toBeVisible();
          await expect(panel.getByTestId("sample-pause")).toHaveText("Resume");
        });

        await test.step("the record that was not JSON is listed as a dead letter", async () => {
          await page.getByTestId("tab-dead-letters").click();
          const row = page.getByTestId("dead-letter-row").first();
          await expect(row).toContainText("decode-error", { timeout: 20_000 });
          await expect(row).toContainText(topics.input);
          await row.click();
          await expect(page.getByTestId("dead-letters")).toContainText("{not json");
        });
      } finally {
        producing = false;
        await production;
        await producer.disconnect();
        await request.post(`/api/pipelines/${pipeline.id}/stop`);
      }
    });
  });
});
