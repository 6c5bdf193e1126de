import AxeBuilder from "@axe-core/playwright";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { uniqueName } from "./fixtures/pipelines";
import { seedPipeline } from "./support/api";
import { ordersGraph } from "./support/graphs";
import { createTopic, produce, uniqueToken } from "./support/kafka";

/*
 * An axe audit of every screen, in the light and the dark theme: any serious or critical
 * violation fails. One seeded, deployed pipeline serves every screen of both runs, so the
 * audit adds little to the suite's time.
 */

type Screen = { name: string; open: (page: Page) => Promise<void> };
type Finding = { screen: string; rule: string; impact: string; help: string; targets: string[]; why: string[] };

let pipelineId = "";
let inputTopic = "";

async function deploymentStatus(request: APIRequestContext, id: string): Promise<string | null> {
  const body = (await (await request.get(`/api/pipelines/${id}/status`)).json()) as { deployment: { status: string } | null };
  return body.deployment?.status ?? null;
}

const screens: readonly Screen[] = [
  {
    name: "dashboard",
    open: async (page) => {
      await page.goto("/");
      await expect(page.getByTestId("pipeline-row").first()).toBeVisible({ timeout: 30_000 });
    },
  },
  {
    name: "new pipeline dialog",
    open: async (page) => {
      await page.goto("/");
      await page.getByTestId("new-pipeline").click();
      await expect(page.getByRole("dialog")).toBeVisible();
    },
  },
  {
    name: "editor",
    open: async (page) => {
      await page.goto(`/pipelines/${pipelineId}`);
      await expect(page.locator(".react-flow__node")).toHaveCount(4, { timeout: 60_000 });
      await page.locator('.react-flow__node[data-id="large"]').click();
      await expect(page.getByTestId("node-inspector").or(page.locator("[data-node-id]")).first()).toBeVisible();
    },
  },
  {
    name: "versions panel",
    open: async (page) => {
      await page.goto(`/pipelines/${pipelineId}`);
      await page.getByTestId("versions-toggle").click();
      await expect(page.getByTestId("versions-panel")).toBeVisible({ timeout: 30_000 });
    },
  },
  {
    name: "monitor",
    open: async (page) => {
      await page.goto(`/pipelines/${pipelineId}/monitor`);
      await expect(page.getByTestId("headline-stats")).toBeVisible({ timeout: 60_000 });
    },
  },
  {
    name: "topics",
    open: async (page) => {
      await page.goto("/topics");
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible({ timeout: 30_000 });
      // The shared broker holds hundreds of other runs' topics; axe over all of them takes minutes.
      await page.getByTestId("topic-filter").fill(inputTopic);
      await expect(page.getByTestId("topic-row")).toHaveCount(1, { timeout: 30_000 });
    },
  },
  {
    name: "topic",
    open: async (page) => {
      await page.goto(`/topics/${encodeURIComponent(inputTopic)}`);
      await expect(page.getByTestId("partitions-table")).toBeVisible({ timeout: 30_000 });
    },
  },
  ...["connections", "users", "audit", "tokens"].map((section) => ({
    name: `settings: ${section}`,
    open: async (page: Page) => {
      await page.goto(`/settings/${section}`);
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible({ timeout: 30_000 });
      await page.waitForLoadState("load");
    },
  })),
  {
    name: "templates gallery",
    open: async (page) => {
      await page.goto("/templates");
      await expect(page.getByTestId("templates-gallery")).toBeVisible({ timeout: 30_000 });
    },
  },
  {
    name: "expression reference",
    open: async (page) => {
      await page.goto("/docs/expressions");
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible({ timeout: 30_000 });
    },
  },
];

async function audit(page: Page, screen: string): Promise<Finding[]> {
  // Let transitions and the first live numbers settle: axe reads computed colours.
  await page.waitForTimeout(300);
  // Only violations are read: axe then skips collecting every passing node, a good part of its time on a busy screen.
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).options({ resultTypes: ["violations"] }).analyze();
  return results.violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map((violation) => ({
      screen,
      rule: violation.id,
      impact: violation.impact ?? "",
      help: violation.help,
      targets: violation.nodes.slice(0, 5).map((node) => node.target.join(" ")),
      // axe's own words for the first few, e.g. the measured contrast ratio and colours.
      why: violation.nodes.slice(0, 3).map((node) => (node.failureSummary ?? "").replace(/\s+/g, " ").slice(0, 300)),
    }));
}

const themes = ["light", "dark"] as const;

/** Switches the system preference (not a stored choice: the dark run also checks that the app follows it) and audits. */
async function auditIn(page: Page, theme: (typeof themes)[number], screen: string): Promise<Finding[]> {
  await page.emulateMedia({ colorScheme: theme });
  await expect(page.locator("html")).toHaveClass(theme === "dark" ? /\bdark\b/ : /^(?!.*\bdark\b)/);
  return audit(page, `${screen} (${theme})`);
}

test.describe("Accessibility audit (axe)", () => {
  test.describe.configure({ mode: "serial" });
  // One axe run reads the whole page; on a loaded 2-core machine (load 25) one screen took minutes.
  test.setTimeout(240_000);

  test.beforeAll(async ({ request }) => {
    inputTopic = uniqueToken("e2e-a11y-in-");
    await createTopic(inputTopic);
    await produce(inputTopic, [{ id: "o-1", amount: 42 }, { id: "o-2", amount: 7 }]);
    const pipeline = await seedPipeline(request, { name: uniqueName("Accessible orders"), graph: ordersGraph({ input: inputTopic, output: uniqueToken("e2e-a11y-out-") }) });
    pipelineId = pipeline.id;
    const deployed = await request.post(`/api/pipelines/${pipelineId}/deploy`, { data: {} });
    expect(deployed.status(), await deployed.text()).toBe(202);
    await expect.poll(() => deploymentStatus(request, pipelineId), { timeout: 60_000 }).toBe("running");
  });

  test.afterAll(async ({ request }) => {
    if (pipelineId) await request.post(`/api/pipelines/${pipelineId}/stop`);
  });

  // One test per screen: it opens the screen once and audits it in the light theme, then in the dark one (the app
  // follows the system preference live), so a screen is loaded once for both. A finding names its screen and theme.
  for (const screen of screens) {
    test(`${screen.name} has no serious or critical violation in the light and the dark theme`, async ({ page }) => {
      await page.emulateMedia({ colorScheme: "light" });
      await screen.open(page);
      const findings: Finding[] = [];
      for (const theme of themes) findings.push(...(await auditIn(page, theme, screen.name)));
      expect(findings, JSON.stringify(findings, null, 2)).toEqual([]);
    });
  }

  test("the sign-in page has no serious or critical violation in the light and the dark theme", async ({ browser, baseURL }) => {
    const context = await browser.newContext({ baseURL, storageState: { cookies: [], origins: [] }, colorScheme: "light" });
    const page = await context.newPage();
    await page.goto("/login");
    await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible({ timeout: 60_000 });
    const findings: Finding[] = [];
    for (const theme of themes) findings.push(...(await auditIn(page, theme, "sign-in")));
    await context.close();
    expect(findings, JSON.stringify(findings, null, 2)).toEqual([]);
  });
});
