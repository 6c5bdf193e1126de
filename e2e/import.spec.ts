import { expect, test } from "@playwright/test";
import { wordCountTemplate } from "@/engine/graph";
import { uniqueName } from "./fixtures/pipelines";

/** A pipeline file as `streamline export` writes it. */
const file = (name: string, graph: unknown) => ({ name: `${name}.json`, mimeType: "application/json", buffer: Buffer.from(JSON.stringify({ kind: "streamline-pipeline", name, description: "Imported in a test", graph })) });

test.describe("Importing a pipeline file", () => {
  test("creates the pipeline, is a no-op the second time, and names the node of an invalid document", async ({ page }) => {
    const name = uniqueName("Imported word count");
    await page.goto("/");
    const picker = page.getByTestId("import-pipeline-file");
    await picker.setInputFiles(file(name, wordCountTemplate()));
    await expect(page.getByTestId("import-outcome")).toHaveText(`Imported ${name} (v1)`);
    await expect(page.getByText(name, { exact: true })).toBeVisible();

    await picker.setInputFiles(file(name, wordCountTemplate()));
    await expect(page.getByTestId("import-outcome")).toHaveText(`${name} is unchanged (v1)`);

    const broken = wordCountTemplate();
    broken.nodes.find((n) => n.id === "non-empty")!.data.condition = "CHAR_LENGTH(word) >";
    await picker.setInputFiles(file(name, broken));
    await expect(page.getByTestId("import-outcome")).toContainText(`Could not import ${name}.json`);
    await expect(page.getByTestId("import-outcome")).toContainText("non-empty:");
  });
});
