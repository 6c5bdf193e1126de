import { expect, test } from "@playwright/test";
import { wordCountTemplate } from "@/engine/graph";
import { emptyGraph, uniqueName } from "./fixtures/pipelines";
import { deleteAllPipelines, fetchPipeline, seedPipeline } from "./support/api";

// @exclusive: it empties the pipeline list, so it runs alone (playwright.config.ts).
test.describe("Pipelines list", { tag: "@exclusive" }, () => {
  test("shows the empty state, and its button creates the word count pipeline", async ({ page, request }) => {
    await deleteAllPipelines(request);
    await page.goto("/");
    const empty = page.getByTestId("pipelines-empty");
    await expect(empty).toContainText("No pipelines yet");
    const inputTopic = wordCountTemplate().nodes.find((node) => node.type === "kafka-source")!.data.topic as string;
    // Test data comes from the topic browser, not a console producer that may not be installed.
    await expect(empty.getByTestId("empty-state-topics")).toHaveAttribute("href", `/topics/${inputTopic}`);

    await empty.getByRole("button", { name: "Create word count pipeline" }).click();
    await expect(page).toHaveURL(/\/pipelines\/[^/]+$/);
    await expect(page.locator(".react-flow__node")).toHaveCount(5);
    await expect(page.getByTestId("problem-count")).toHaveText("0");
    await expect(page.getByTestId("pipeline-name-input")).toHaveValue("Word count");
  });

  test("creates a blank pipeline from the dialog and opens it in the editor", async ({ page, request }) => {
    const name = uniqueName("Blank");
    await page.goto("/");
    await page.getByTestId("new-pipeline").click();
    const dialog = page.getByTestId("new-pipeline-dialog");
    await dialog.getByRole("button", { name: "Create pipeline" }).click();
    await expect(dialog).toContainText("Name is required");

    await dialog.getByTestId("new-pipeline-name").fill(name);
    await dialog.getByTestId("new-pipeline-description").fill("Scratch space");
    await dialog.getByRole("button", { name: "Create pipeline" }).click();

    await expect(page).toHaveURL(/\/pipelines\/[^/]+$/);
    await expect(page.getByTestId("canvas-empty")).toBeVisible();
    await expect(page.getByTestId("pipeline-name-input")).toHaveValue(name);
    const id = decodeURIComponent(new URL(page.url()).pathname.split("/").at(-1)!);
    const created = await fetchPipeline(request, id);
    expect(created).toMatchObject({ name, version: 1 });
    expect(created.graph.nodes).toEqual([]);
  });

  test("creates a pipeline from the word count template and lists it", async ({ page }) => {
    const name = uniqueName("Counting words");
    await page.goto("/");
    await page.getByTestId("new-pipeline").click();
    const dialog = page.getByTestId("new-pipeline-dialog");
    await dialog.getByTestId("new-pipeline-name").fill(name);
    await dialog.getByTestId("start-word-count").click();
    await dialog.getByRole("button", { name: "Create pipeline" }).click();

    await expect(page.locator(".react-flow__node")).toHaveCount(5);
    await expect(page.locator(".react-flow__edge")).toHaveCount(4);
    await page.getByRole("link", { name: "Back to pipelines" }).click();

    const row = page.getByTestId("pipeline-row").filter({ hasText: name });
    await expect(row.getByTestId("pipeline-node-count")).toHaveText("5");
    await expect(row.getByTestId("pipeline-version")).toHaveText("v1");
    await expect(row).toContainText("just now");
  });

  test("renames a pipeline in place", async ({ page, request }) => {
    const seeded = await seedPipeline(request, { name: uniqueName("Old name"), graph: emptyGraph });
    const newName = uniqueName("New name");
    await page.goto("/");
    const row = page.locator(`[data-testid="pipeline-row"][data-pipeline-id="${seeded.id}"]`);
    await row.getByRole("button", { name: `Rename ${seeded.name}` }).click();
    await row.getByTestId("rename-input").fill(newName);
    await row.getByTestId("rename-input").press("Enter");

    await expect(row.getByTestId("pipeline-name")).toHaveText(newName);
    expect((await fetchPipeline(request, seeded.id)).name).toBe(newName);
    await page.reload();
    await expect(row.getByTestId("pipeline-name")).toHaveText(newName);
  });

  test("deletes a pipeline only after confirmation", async ({ page, request }) => {
    const seeded = await seedPipeline(request, { name: uniqueName("Doomed"), graph: emptyGraph });
    await page.goto("/");
    const row = page.locator(`[data-testid="pipeline-row"][data-pipeline-id="${seeded.id}"]`);
    const dialog = page.getByTestId("delete-pipeline-dialog");

    await row.getByRole("button", { name: `Delete ${seeded.name}` }).click();
    await expect(dialog).toContainText(`Delete “${seeded.name}”?`);
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await expect(dialog).toBeHidden();
    await expect(row).toBeVisible();

    await row.getByRole("button", { name: `Delete ${seeded.name}` }).click();
    await dialog.getByRole("button", { name: "Delete pipeline" }).click();
    await expect(row).toHaveCount(0);
    expect((await request.get(`/api/pipelines/${seeded.id}`)).status()).toBe(404);
  });
});
