import { expect, test, type Locator } from "@playwright/test";
import { seedPipeline } from "./support/api";
import { ordersGraph } from "./support/graphs";
import { createTopic, uniqueToken } from "./support/kafka";

type Box = { name: string; x: number; y: number; width: number; height: number };

async function box(name: string, locator: Locator): Promise<Box> {
  await expect(locator, name).toBeVisible();
  const found = await locator.boundingBox();
  if (!found) throw new Error(`${name} has no box`);
  return { name, ...found };
}

const overlap = (a: Box, b: Box) => a.x < b.x + b.width - 0.5 && b.x < a.x + a.width - 0.5 && a.y < b.y + b.height - 0.5 && b.y < a.y + a.height - 0.5;

test.describe("Editor top bar (issue 15, defect 8)", () => {
  test.setTimeout(300_000);

  test("at 1024 px the name, save state, status, running version and problem count stay whole and apart", async ({ page, request }) => {
    const input = uniqueToken("e2e-topbar-in-");
    await createTopic(input);
    const graph = ordersGraph({ input, output: uniqueToken("e2e-topbar-out-") });
    const pipeline = await seedPipeline(request, { name: `UI workshop orders by country ${uniqueToken("")}`, graph });
    const deployed = await request.post(`/api/pipelines/${pipeline.id}/deploy`, { data: {} });
    expect(deployed.status(), await deployed.text()).toBe(202);
    try {
      await expect
        .poll(async () => ((await (await request.get(`/api/pipelines/${pipeline.id}/status`)).json()) as { deployment: { status: string } | null }).deployment?.status, { timeout: 60_000 })
        .toBe("running");
      // A newer saved version makes the bar say which one runs ("runs v1").
      const saved = await request.put(`/api/pipelines/${pipeline.id}`, { data: { graph, draft: true, message: "A newer draft" } });
      expect(saved.status(), await saved.text()).toBe(200);

      await page.setViewportSize({ width: 1024, height: 768 });
      await page.goto(`/pipelines/${pipeline.id}`);
      await expect(page.getByTestId("status-pill")).toHaveAttribute("data-status", "running", { timeout: 120_000 });
      await expect(page.getByTestId("running-version")).toHaveText("runs v1");

      const items = [
        await box("name", page.getByTestId("pipeline-name-input")),
        await box("save state", page.getByTestId("save-state")),
        await box("status", page.getByTestId("status-pill")),
        await box("running version", page.getByTestId("running-version")),
        await box("problems", page.getByTestId("problems-toggle")),
        await box("versions", page.getByTestId("versions-toggle")),
        await box("preview", page.getByTestId("preview")),
        await box("save", page.getByTestId("save")),
        await box("monitor", page.getByTestId("open-monitor")),
        await box("deploy", page.getByTestId("deploy-controls")),
      ];
      await page.screenshot({ path: "e2e/.output/editor-top-bar/1024.png" });
      for (const [index, a] of items.entries()) {
        for (const b of items.slice(index + 1)) expect(overlap(a, b), `${a.name} overlaps ${b.name}: ${JSON.stringify([a, b])}`).toBe(false);
        expect(a.x + a.width, `${a.name} ends inside the window`).toBeLessThanOrEqual(1024);
      }
      // The name keeps a readable width, and no item is cut short.
      expect(items[0]!.width).toBeGreaterThanOrEqual(140);
      for (const id of ["status-pill", "running-version", "problems-toggle", "save-state"]) {
        const clipped = await page.getByTestId(id).evaluate((element) => element.scrollWidth > element.clientWidth + 1);
        expect(clipped, `${id} is truncated`).toBe(false);
      }
    } finally {
      await request.post(`/api/pipelines/${pipeline.id}/stop`);
    }
  });
});
