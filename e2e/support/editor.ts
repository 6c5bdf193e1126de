import { expect, type Page } from "@playwright/test";
import type { FieldInput } from "../fixtures/all-node-types";

/** The React Flow node wrapper of a pipeline node, found by its id. */
export function canvasNode(page: Page, id: string) {
  return page.locator(`.react-flow__node[data-id="${id}"]`);
}

/** The form of the node currently open in the inspector. */
export function inspector(page: Page) {
  return page.getByTestId("node-inspector");
}

/** Drags a palette entry onto the canvas pane and drops it at `position` (pane coordinates). */
export async function dragFromPalette(page: Page, type: string, position: { x: number; y: number }) {
  await page.getByTestId(`palette-${type}`).dragTo(page.locator(".react-flow__pane"), { targetPosition: position });
}

/** Draws a connection by dragging from one node's output handle to another's input handle. */
export async function connect(page: Page, edge: { source: string; target: string; targetHandle: "left" | "right" | null }) {
  const from = canvasNode(page, edge.source).locator(".react-flow__handle.source");
  const handle = edge.targetHandle ? `[data-handleid="${edge.targetHandle}"]` : "";
  const to = canvasNode(page, edge.target).locator(`.react-flow__handle.target${handle}`);
  await from.dragTo(to);
}

/**
 * Selects a node the way a keyboard user does (focus, Enter), which works wherever the
 * node sits, even under the minimap, and waits for the inspector to show it.
 */
export async function selectNode(page: Page, id: string) {
  const node = canvasNode(page, id);
  await node.focus();
  await node.press("Enter");
  await expect(inspector(page)).toHaveAttribute("data-node-id", id);
}

/**
 * Selects a connection from the keyboard. A straight horizontal edge has a zero-height
 * box, which Playwright will not click, though people can.
 */
export async function selectEdge(page: Page, id: string) {
  const edge = page.locator(`.react-flow__edge[data-id="${id}"]`);
  await edge.focus();
  await edge.press("Enter");
  await expect(edge).toHaveClass(/selected/);
}

/** Enters one value into the inspector's form. */
export async function fillField(page: Page, input: FieldInput) {
  const field = inspector(page).getByTestId(input.testId);
  switch (input.kind) {
    case "text":
      await field.fill(input.value);
      break;
    case "select":
      await field.selectOption(input.value);
      break;
    case "expression": {
      const editor = field.locator(".cm-content");
      await editor.click();
      await page.keyboard.press("ControlOrMeta+A");
      await page.keyboard.press("Delete");
      await page.keyboard.type(input.value);
      await expect(editor).toHaveText(input.value);
      break;
    }
    case "click":
      await field.click();
      break;
  }
}

/** Checks the inspector shows a value entered earlier. */
export async function expectField(page: Page, input: FieldInput) {
  const field = inspector(page).getByTestId(input.testId);
  switch (input.kind) {
    case "text":
    case "select":
      await expect(field).toHaveValue(input.value);
      break;
    case "expression":
      await expect(field.locator(".cm-content")).toHaveText(input.value);
      break;
    case "click":
      break;
  }
}
