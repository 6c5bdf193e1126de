import { expect, test } from "@playwright/test";
import { uniqueName } from "./fixtures/pipelines";
import { fetchPipeline, seedPipeline } from "./support/api";
import { ordersGraph } from "./support/graphs";

type SavedNote = { id: string; position: { x: number; y: number }; size: { width: number; height: number }; text: string; color?: string };

test.describe("Sticky notes", () => {
  // The shared machine is slow under load; pages have been seen to take most of a minute to load.
  test.setTimeout(240_000);

  test("a note from the palette takes markdown (HTML dropped), a colour and a size, is saved in the document and validation ignores it", async ({ page, request }) => {
    const suffix = Date.now().toString(36);
    const pipeline = await seedPipeline(request, { name: uniqueName("Notes"), graph: ordersGraph({ input: `orders-${suffix}`, output: `big-${suffix}` }) });
    await page.goto(`/pipelines/${pipeline.id}`);
    await expect(page.getByTestId("pipeline-editor")).toBeVisible({ timeout: 90_000 });
    await expect(page.getByTestId("problem-count")).toHaveText("0");

    await page.getByTestId("palette-note").click();
    const note = page.getByTestId("note-note-1");
    await expect(note).toBeVisible();
    await note.dblclick();
    await page.getByTestId("note-text").fill("# Orders over 10\nKept **large** orders only.\n\n- one\n- two\n\n<script>window.pwned = 1</script><img src=x onerror=\"window.pwned = 2\">");
    await page.keyboard.press("Escape");
    const rendered = note.getByTestId("note-markdown");
    await expect(rendered.locator("strong")).toHaveText("large");
    await expect(rendered.locator("li")).toHaveCount(2);
    await expect(rendered).toContainText("Orders over 10");
    await expect(rendered.locator("script, img")).toHaveCount(0);
    expect(await page.evaluate(() => (window as { pwned?: number }).pwned)).toBeUndefined();

    await note.click();
    await note.getByTestId("note-color-blue").click();
    await expect(note).toHaveClass(/bg-sky-50/);
    const before = (await note.boundingBox())!;
    const corner = page.locator(".react-flow__node-note .react-flow__resize-control.handle.bottom.right");
    const handle = (await corner.boundingBox())!;
    await page.mouse.move(handle.x + handle.width / 2, handle.y + handle.height / 2);
    await page.mouse.down();
    await page.mouse.move(handle.x + 100, handle.y + 60, { steps: 5 });
    await page.mouse.up();
    await expect.poll(async () => (await note.boundingBox())!.width).toBeGreaterThan(before.width + 50);
    // A note is not an operator: no problems, no ports.
    await expect(page.getByTestId("problem-count")).toHaveText("0");
    await expect(note.locator(".react-flow__handle")).toHaveCount(0);

    await page.locator(".react-flow__pane").click({ position: { x: 20, y: 20 } });
    await page.keyboard.press("ControlOrMeta+s");
    await expect(page.getByTestId("save-state")).toContainText("Saved · v2");
    const saved = await fetchPipeline(request, pipeline.id);
    const notes = (saved.graph as unknown as { notes: SavedNote[] }).notes;
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({ id: "note-1", color: "blue", text: expect.stringContaining("Kept **large** orders only.") });
    expect(notes[0]!.size.width).toBeGreaterThan(280);
    expect(saved.problems).toEqual([]);
    expect(saved.graph.nodes).toHaveLength(4);

    // It comes back after a reload, and undo takes it away in one step.
    await page.reload();
    await expect(page.getByTestId("note-note-1").getByTestId("note-markdown").locator("strong")).toHaveText("large", { timeout: 90_000 });
    await page.getByTestId("note-note-1").click({ button: "right" });
    await page.getByTestId("menu-delete").click();
    await expect(page.getByTestId("note-note-1")).toHaveCount(0);
    await page.locator(".react-flow__pane").click({ position: { x: 20, y: 20 } });
    await page.keyboard.press("ControlOrMeta+z");
    await expect(page.getByTestId("note-note-1")).toBeVisible();
  });

  test("the API keeps notes of a document and refuses a malformed one naming the field", async ({ request }) => {
    const suffix = Date.now().toString(36);
    const graph = { ...ordersGraph({ input: `orders-${suffix}`, output: `big-${suffix}` }), notes: [{ id: "why", position: { x: 0, y: -200 }, size: { width: 200, height: 120 }, text: "Why this filter" }] };
    const pipeline = await seedPipeline(request, { name: uniqueName("API notes"), graph });
    const saved = await fetchPipeline(request, pipeline.id);
    expect((saved.graph as unknown as { notes: SavedNote[] }).notes).toEqual(graph.notes);
    expect(saved.problems).toEqual([]);

    const bad = { ...graph, notes: [{ ...graph.notes[0], color: "neon" }] };
    const refused = await request.post("/api/pipelines", { data: { name: uniqueName("Bad note"), graph: bad, draft: true } });
    expect(refused.status()).toBe(422);
    expect(await refused.text()).toMatch(/Note colour must be one of/);
  });
});
