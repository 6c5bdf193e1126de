import { expect, test, type APIRequestContext, type Locator } from "@playwright/test";
import { wordCountTemplate } from "@/engine/graph";
import { uniqueName } from "./fixtures/pipelines";
import { seedPipeline } from "./support/api";
import { createTopic, produceContinuously, testKafka, uniqueToken } from "./support/kafka";

async function deploy(request: APIRequestContext, id: string) {
  const response = await request.post(`/api/pipelines/${id}/deploy`, { data: {} });
  expect(response.status(), await response.text()).toBe(202);
}

/** The x-axis tick labels of a chart as times of day in seconds ("14:05" or "14:05:30"). */
async function tickSeconds(chart: Locator): Promise<number[]> {
  // Recharts 3 draws tick labels in a layer of their own, outside the axis group, so the chart's texts
  // are read and the x ticks told from the y ticks ("0/s", "250 ms") by their form.
  const labels = (await chart.locator("svg text").allTextContents()).filter((label) => /^\d{1,2}:\d{2}(:\d{2})?$/.test(label.trim()));
  return labels.map((label) => {
    const [h, m, s] = label.trim().split(":").map(Number);
    return h! * 3600 + m! * 60 + (s ?? 0);
  });
}

/** How much of the plot's width the drawn series cover, 0–1. */
async function coveredWidth(chart: Locator): Promise<number> {
  const grid = await chart.locator(".recharts-cartesian-grid").boundingBox();
  const curves = await chart.locator(".recharts-line-curve").evaluateAll((paths) => paths.map((path) => path.getBoundingClientRect()).map((box) => ({ left: box.left, right: box.right })));
  if (!grid || curves.length === 0) return 0;
  const left = Math.min(...curves.map((c) => c.left));
  const right = Math.max(...curves.map((c) => c.right));
  return (right - left) / grid.width;
}

test.describe("Monitor charts", () => {
  test("a fresh deployment's charts span its real time range, and the picker widens them", async ({ page, request }) => {
    test.slow();
    const input = `e2e-charts-in-${uniqueToken("")}`;
    await createTopic(input);
    const pipeline = await seedPipeline(request, { name: uniqueName("Charts fresh"), graph: wordCountTemplate({ input, output: `${input}-out` }) });
    const stop = await produceContinuously(input, (batch) => [`fresh chart line ${batch}`]);
    try {
      await deploy(request, pipeline.id);
      await page.goto(`/pipelines/${pipeline.id}/monitor`);
      const chart = page.getByTestId("throughput-chart");
      await expect(page.getByTestId("chart-range")).toHaveAttribute("data-range", "auto", { timeout: 30_000 });
      await expect(chart.locator(".recharts-line-curve").first()).toBeVisible({ timeout: 45_000 });

      // Issue 15, defect 2: 30 s of data used to be a 1–3 px spike at the right edge of a fixed 15-minute axis.
      // Recharts draws the axis ticks in a pass after the first line, so wait for them rather than read them once.
      await expect.poll(async () => (await tickSeconds(chart)).length, { timeout: 15_000, message: "the x axis has its ticks" }).toBeGreaterThanOrEqual(3);
      const ticks = await tickSeconds(chart);
      expect(ticks.at(-1)! - ticks[0]!, `x ticks ${ticks.join(", ")}`).toBeLessThanOrEqual(120);
      await expect.poll(() => coveredWidth(chart), { timeout: 45_000, message: "the line covers a good part of the chart" }).toBeGreaterThan(0.25);

      await page.getByTestId("chart-range").getByRole("button", { name: "1 h" }).click();
      await expect(page.getByTestId("chart-range")).toHaveAttribute("data-span-ms", String(60 * 60_000));
      const tickSpan = async () => {
        const hourTicks = await tickSeconds(chart);
        return hourTicks.length < 2 ? 0 : hourTicks.at(-1)! - hourTicks[0]!;
      };
      await expect.poll(tickSpan, { timeout: 15_000, message: "the x ticks span most of an hour" }).toBeGreaterThanOrEqual(40 * 60);
      expect(await coveredWidth(chart)).toBeLessThan(0.1);
    } finally {
      await stop();
      await request.post(`/api/pipelines/${pipeline.id}/stop`);
    }
  });

  test("a first batch of old records does not flatten the latency axis", async ({ page, request }) => {
    test.setTimeout(240_000);
    const input = `e2e-charts-lat-${uniqueToken("")}`;
    await createTopic(input);
    // Five lines written ten minutes "ago": their end-to-end latency is about ten minutes.
    const producer = testKafka("e2e-old-records").producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    const old = String(Date.now() - 10 * 60_000);
    await producer.send({ topic: input, messages: Array.from({ length: 5 }, (_, i) => ({ value: `old line ${i}`, timestamp: old })) });
    await producer.disconnect();

    const pipeline = await seedPipeline(request, { name: uniqueName("Charts latency"), graph: wordCountTemplate({ input, output: `${input}-out` }) });
    await deploy(request, pipeline.id);
    const stop = await produceContinuously(input, (batch) => [`fresh line ${batch}`]);
    try {
      await page.goto(`/pipelines/${pipeline.id}/monitor`);
      const chart = page.getByTestId("latency-chart");
      // Once enough fresh buckets are drawn, the ten-minute peak is clipped and named, and the axis reads seconds at most.
      await expect(chart).toContainText(/axis clipped at .*, peak \d+(\.\d+)? min/, { timeout: 120_000 });
      const labels = await chart.locator(".recharts-yAxis .recharts-cartesian-axis-tick-value").allTextContents();
      expect(labels.some((label) => label.includes("min"))).toBe(false);
    } finally {
      await stop();
      await request.post(`/api/pipelines/${pipeline.id}/stop`);
    }
  });
});
