import { expect, test } from "@playwright/test";

const html = (page: import("@playwright/test").Page) => page.locator("html");

test.describe("Theme", () => {
  test("follows the system preference live until a theme is picked, and keeps the pick across reloads", async ({ page }) => {
    await page.emulateMedia({ colorScheme: "dark" });
    await page.goto("/settings/tokens");
    await expect(html(page)).toHaveClass(/\bdark\b/);
    await expect(html(page)).toHaveCSS("color-scheme", "dark");
    // "System" follows a change of the operating system's setting without a reload.
    await page.emulateMedia({ colorScheme: "light" });
    await expect(html(page)).not.toHaveClass(/\bdark\b/);

    await page.getByTestId("theme-toggle").click();
    await expect(page.getByRole("menuitemradio", { name: "System" })).toHaveAttribute("aria-checked", "true");
    await page.getByRole("menuitemradio", { name: "Dark" }).click();
    await expect(html(page)).toHaveClass(/\bdark\b/);
    // The page behind the header turned dark too: the palette's variables flipped.
    const background = await page.locator("body").evaluate((body) => getComputedStyle(body).backgroundColor);
    expect(background).not.toMatch(/rgb\(248, 250, 252\)|oklch\(0\.98/);

    await page.reload();
    await expect(html(page)).toHaveClass(/\bdark\b/);
    await expect(page.getByTestId("theme-toggle")).toHaveAccessibleName("Theme: Dark");

    await page.getByTestId("theme-toggle").click();
    await page.getByRole("menuitemradio", { name: "Light" }).click();
    await page.emulateMedia({ colorScheme: "dark" });
    await page.reload();
    await expect(html(page)).not.toHaveClass(/\bdark\b/);
    await expect(html(page)).toHaveCSS("color-scheme", "light");
  });

  test("is decided by a script in the head, before the page paints", async ({ request }) => {
    const page = await (await request.get("/login")).text();
    const script = page.indexOf("streamline-theme");
    expect(script).toBeGreaterThan(0);
    expect(script).toBeLessThan(page.indexOf("<body"));
  });
});
