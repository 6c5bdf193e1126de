import { expect, type Page } from "@playwright/test";

/** A node's live counter as its live line on the canvas carries it: records in or out since the deployment started. */
export async function liveCounter(page: Page, nodeId: string, side: "in" | "out"): Promise<number> {
  const value = await page.getByTestId(`node-rate-${nodeId}`).getAttribute(`data-records-${side}`);
  return value === null ? Number.NaN : Number(value);
}

/**
 * Waits until a node's counter has not moved for `quietMs`, i.e. the pipeline has read
 * what was already in its topics (a shared topic holds earlier runs' records), and
 * returns it.
 */
export async function steadyCounter(page: Page, nodeId: string, side: "in" | "out", quietMs = 2_500): Promise<number> {
  let last = Number.NaN;
  let since = Date.now();
  await expect
    .poll(
      async () => {
        const current = await liveCounter(page, nodeId, side);
        if (current !== last) {
          last = current;
          since = Date.now();
        }
        return Number.isFinite(current) && Date.now() - since >= quietMs;
      },
      { timeout: 45_000, intervals: [250] },
    )
    .toBe(true);
  return last;
}

/**
 * Resolves with the time (Date.now()) at which the page first showed a counter of at
 * least `atLeast`, polling the DOM every animation frame; fails after `timeoutMs`.
 */
export async function counterReached(page: Page, nodeId: string, side: "in" | "out", atLeast: number, timeoutMs: number): Promise<number> {
  await page.waitForFunction(
    ({ testId, attribute, wanted }) => Number(document.querySelector(`[data-testid="${testId}"]`)?.getAttribute(attribute) ?? Number.NaN) >= wanted,
    { testId: `node-rate-${nodeId}`, attribute: `data-records-${side}`, wanted: atLeast },
    { timeout: Math.max(1, timeoutMs), polling: "raf" },
  );
  return Date.now();
}
