import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { uniqueName } from "./fixtures/pipelines";
import { seedPipeline } from "./support/api";
import { ordersGraph } from "./support/graphs";
import { createTopic, produce, uniqueToken } from "./support/kafka";
import { signedInViewer } from "./support/viewer";

/*
 * A viewer walks every screen and tries to change things: every control that writes is
 * absent or disabled, and every write the API offers answers 403 to the viewer's session.
 */

// Names of controls that change something; a viewer must find none of them enabled.
const writeVerbs = /\b(new|create|add|delete|remove|rename|deploy|stop|save|restore|produce|send|reset|import|replay|set password|revoke|invite|duplicate|paste|cut|auto layout|undo|redo)\b/i;
// Inputs a viewer may type into: they only filter or search what is shown. Whole words, so that "topic" does not pass
// for "to" nor "startFrom" for "from".
const readInputs = /\b(filter|search|find|from|to|offset|partition|limit|compare|time|cluster)\b/i;

async function enabledWriteControls(page: Page): Promise<string[]> {
  return page.evaluate(
    ({ verbs, reads }) => {
      const visible = (element: Element) => {
        const box = element.getBoundingClientRect();
        const style = getComputedStyle(element);
        return box.width > 0 && box.height > 0 && style.visibility !== "hidden" && style.display !== "none";
      };
      const name = (element: Element) =>
        (element.getAttribute("aria-label") || element.textContent || element.getAttribute("title") || "").replace(/\s+/g, " ").trim();
      const found: string[] = [];
      for (const control of document.querySelectorAll("button, [role=button], [role=menuitem], a[href]")) {
        // `:disabled` also covers controls inside a disabled fieldset, whose own `disabled` property stays false.
        if (!visible(control) || control.matches(":disabled") || control.getAttribute("aria-disabled") === "true") continue;
        // The Monitor's chart range ("Since deploy", "5 m", …) only chooses what the charts show.
        if (control.closest('[data-testid="chart-range"]')) continue;
        // Links only navigate; one that writes would be a bug of its own, but a link named "Deploy" is not one.
        if (control.tagName === "A") continue;
        const label = name(control);
        // Any user may create API tokens of their own: a viewer's can only read (the API caps a token at its owner's role, checked below).
        if (control.getAttribute("data-testid") === "new-token") continue;
        if (new RegExp(verbs, "i").test(label)) found.push(`button "${label}"`);
      }
      for (const field of document.querySelectorAll("input, textarea, select, [contenteditable=true]")) {
        const input = field as HTMLInputElement;
        if (!visible(field) || field.matches(":disabled") || input.readOnly || input.type === "hidden" || input.type === "checkbox" || input.type === "radio") continue;
        const labelled = `${name(field)} ${input.placeholder ?? ""} ${input.name ?? ""} ${field.getAttribute("data-testid") ?? ""} ${
          input.labels?.[0]?.textContent ?? ""
        }`;
        if (!new RegExp(reads, "i").test(labelled)) found.push(`field "${labelled.trim()}"`);
      }
      return found;
    },
    { verbs: writeVerbs.source, reads: readInputs.source },
  );
}

async function status(request: APIRequestContext, id: string): Promise<string | null> {
  const body = (await (await request.get(`/api/pipelines/${id}/status`)).json()) as { deployment: { status: string } | null };
  return body.deployment?.status ?? null;
}

test.describe("A viewer walks every screen", () => {
  test.setTimeout(300_000);

  test("finds no enabled control that changes anything, and every API write answers 403", async ({ request, browser, baseURL }) => {
    const input = uniqueToken("e2e-viewer-in-");
    await createTopic(input);
    await produce(input, [{ id: "o-1", amount: 42 }]);
    const graph = ordersGraph({ input, output: uniqueToken("e2e-viewer-out-") });
    const pipeline = await seedPipeline(request, { name: uniqueName("Viewer walk"), graph });
    // Two versions, so the versions panel offers a restore.
    expect((await request.put(`/api/pipelines/${pipeline.id}`, { data: { graph, draft: true, message: "Second" } })).status()).toBe(200);
    expect((await request.post(`/api/pipelines/${pipeline.id}/deploy`, { data: {} })).status()).toBe(202);
    await expect.poll(() => status(request, pipeline.id), { timeout: 60_000 }).toBe("running");

    const page = await signedInViewer(request, browser, baseURL);
    try {
      const screens: { name: string; path: string; ready: () => Promise<void> }[] = [
        { name: "dashboard", path: "/", ready: () => expect(page.getByTestId("pipeline-row").first()).toBeVisible({ timeout: 30_000 }) },
        {
          name: "editor",
          path: `/pipelines/${pipeline.id}`,
          ready: async () => {
            await expect(page.getByTestId("read-only-badge")).toBeVisible({ timeout: 60_000 });
            await page.locator('.react-flow__node[data-id="large"]').click();
            // What an editor would use to change the graph: the palette is absent, the inspector's fields are there but disabled.
            const inspector = page.getByTestId("node-inspector");
            await expect(inspector).toHaveAttribute("data-node-id", "large");
            await expect(inspector.getByTestId("field-label")).toBeDisabled();
            await expect(page.getByTestId("palette-search")).toHaveCount(0);
            await expect(page.locator('[data-testid^="palette-"]')).toHaveCount(0);
            await expect(page.locator(".react-flow__handle.connectable")).toHaveCount(0);
          },
        },
        {
          name: "versions panel",
          path: `/pipelines/${pipeline.id}`,
          ready: async () => {
            await page.getByTestId("versions-toggle").click();
            await expect(page.getByTestId("version-row")).toHaveCount(2, { timeout: 30_000 });
          },
        },
        { name: "monitor", path: `/pipelines/${pipeline.id}/monitor`, ready: () => expect(page.getByTestId("pipeline-monitor")).toBeVisible({ timeout: 60_000 }) },
        { name: "topics", path: "/topics", ready: () => expect(page.getByTestId("topics-table")).toBeVisible({ timeout: 90_000 }) },
        { name: "topic", path: `/topics/${encodeURIComponent(input)}`, ready: () => expect(page.getByTestId("partitions-table")).toBeVisible({ timeout: 30_000 }) },
        { name: "templates", path: "/templates", ready: () => expect(page.getByTestId("templates-gallery")).toBeVisible({ timeout: 30_000 }) },
        // Admin screens: a viewer gets a page saying so (server-rendered), with nothing to act on.
        { name: "connections", path: "/settings/connections", ready: () => expect(page.locator("main")).not.toBeEmpty() },
        { name: "users", path: "/settings/users", ready: () => expect(page.locator("main")).not.toBeEmpty() },
        { name: "audit log", path: "/settings/audit", ready: () => expect(page.locator("main")).not.toBeEmpty() },
        { name: "API tokens", path: "/settings/tokens", ready: () => expect(page.getByRole("heading", { level: 1 })).toBeVisible({ timeout: 30_000 }) },
      ];
      const offending: Record<string, string[]> = {};
      for (const screen of screens) {
        await test.step(screen.name, async () => {
          await page.goto(screen.path);
          await screen.ready();
          // Hover reveals row actions on some screens.
          const row = page.getByTestId("pipeline-row").first();
          if (await row.isVisible()) await row.hover();
          const found = await enabledWriteControls(page);
          if (found.length > 0) offending[screen.name] = found;
        });
      }
      expect(offending).toEqual({});

      await test.step("the editor's keys change nothing", async () => {
        await page.goto(`/pipelines/${pipeline.id}`);
        await expect(page.getByTestId("read-only-badge")).toBeVisible({ timeout: 60_000 });
        await page.locator('.react-flow__node[data-id="large"]').click();
        await page.keyboard.press("Delete");
        await page.keyboard.press("ControlOrMeta+S");
        await expect(page.locator(".react-flow__node")).toHaveCount(4);
        const latest = (await (await request.get(`/api/pipelines/${pipeline.id}`)).json()) as { pipeline: { version: number } };
        expect(latest.pipeline.version).toBe(2);
      });

      await test.step("every API write answers 403", async () => {
        const origin = { origin: baseURL ?? "" };
        const id = pipeline.id;
        const writes: [string, string, unknown][] = [
          ["POST", "/api/pipelines", { name: "Sneaky", graph, draft: true }],
          ["POST", "/api/pipelines/import", { name: "Sneaky", graph }],
          ["PUT", `/api/pipelines/${id}`, { graph, draft: true }],
          ["PATCH", `/api/pipelines/${id}`, { name: "Renamed by a viewer" }],
          ["DELETE", `/api/pipelines/${id}`, undefined],
          ["POST", `/api/pipelines/${id}/deploy`, {}],
          ["POST", `/api/pipelines/${id}/stop`, {}],
          ["POST", `/api/pipelines/${id}/offsets`, { reset: "earliest" }],
          ["POST", `/api/pipelines/${id}/preview`, { graph }],
          ["POST", `/api/pipelines/${id}/versions/1/restore`, {}],
          ["POST", "/api/topics", { name: uniqueToken("e2e-viewer-topic-"), partitions: 1 }],
          ["POST", `/api/topics/${encodeURIComponent(input)}/messages`, { value: "{}" }],
          ["POST", "/api/schema-samples", { topic: input }],
          ["POST", "/api/users", { name: "Eve", email: "eve@example.test", password: "eve's long passphrase 1", role: "admin" }],
          ["POST", "/api/connections", { name: "Elsewhere", brokers: ["127.0.0.1:9092"] }],
          ["POST", "/api/tokens", { name: "Escalate", role: "editor" }],
          ["POST", `/api/pipelines/${id}/rescale`, { parallelism: 2 }],
          ["POST", "/api/templates/word-count/sample-data", {}],
          ["PUT", "/api/connections/any", { name: "Elsewhere", brokers: ["127.0.0.1:9092"] }],
          ["DELETE", "/api/connections/any", undefined],
          ["PATCH", "/api/users/any", { role: "admin" }],
        ];
        const answers: string[] = [];
        for (const [method, url, data] of writes) {
          const response = await page.request.fetch(url, { method, data, headers: origin });
          if (response.status() !== 403) answers.push(`${method} ${url}: ${response.status()} ${(await response.text()).slice(0, 160)}`);
        }
        expect(answers).toEqual([]);
        expect(await status(request, id)).toBe("running");
      });
    } finally {
      await page.context().close();
      await request.post(`/api/pipelines/${pipeline.id}/stop`);
    }
  });
});
