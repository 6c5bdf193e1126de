"use client";

import type { XYPosition } from "@xyflow/react";
import { useCallback, useEffect, useRef, type RefObject } from "react";
import { nodeCardSize } from "./flow-types";
import { fragmentCentre, fragmentToText, parseClipboardText, type ClipboardFragment } from "./clipboard-fragment";

/** What the clipboard needs from the editor (`usePipelineEditor` provides it). */
export type ClipboardEditing = {
  selectedFragment: () => ClipboardFragment | null;
  paste: (fragment: ClipboardFragment, at: XYPosition) => void;
  deleteSelection: () => void;
  selectAll: () => void;
};

type Options = {
  editor: ClipboardEditing;
  /** The canvas element: shortcuts act when focus is in it (or nowhere in particular). */
  container: RefObject<HTMLElement | null>;
  /** Where pasted elements are centred: the pointer over the canvas, else the middle of the view. */
  pastePoint: () => XYPosition;
  /** Shows a short, non-blocking message (a refused paste). */
  notify: (message: string) => void;
  readOnly: boolean;
};

// The last fragment copied in this tab: pasting still works where the browser refuses to read
// the system clipboard (permission denied), at least within the tab.
let copiedHere: string | null = null;

/** How far a duplicate lands from its original, so it does not hide it. */
const duplicateOffset = { x: 48, y: 48 };

/**
 * Copy, cut, paste, duplicate and select all on the canvas. The keyboard goes through the
 * browser's own copy/cut/paste events (no permission prompt; the system clipboard carries the
 * fragment as pipeline-document JSON, so it reaches other pipelines, tabs and text editors);
 * the context menu uses the asynchronous Clipboard API. Text fields keep their own clipboard.
 */
export function useCanvasClipboard({ editor, container, pastePoint, notify, readOnly }: Options) {
  const latest = useRef({ editor, pastePoint, notify, readOnly });
  useEffect(() => {
    latest.current = { editor, pastePoint, notify, readOnly };
  });

  const pasteText = useCallback((text: string) => {
    if (latest.current.readOnly) return;
    const parsed = parseClipboardText(text);
    if (!parsed.ok) return latest.current.notify(parsed.error);
    latest.current.editor.paste(parsed.fragment, latest.current.pastePoint());
  }, []);

  /** Copies the selection to the system clipboard; says whether there was anything to copy. */
  const copy = useCallback(async (): Promise<boolean> => {
    const fragment = latest.current.editor.selectedFragment();
    if (!fragment) return false;
    copiedHere = fragmentToText(fragment);
    await navigator.clipboard?.writeText(copiedHere).catch(() => undefined);
    return true;
  }, []);

  const cut = useCallback(async () => {
    if (latest.current.readOnly) return;
    if (await copy()) latest.current.editor.deleteSelection();
  }, [copy]);

  const paste = useCallback(async () => {
    let text: string | null = null;
    try {
      text = await navigator.clipboard.readText();
    } catch {
      text = copiedHere;
    }
    if (text === null) return latest.current.notify("Nothing to paste: copy nodes first (or allow this page to read the clipboard).");
    pasteText(text);
  }, [pasteText]);

  /** Copies the selection and pastes it right away, a little below and to the right. */
  const duplicate = useCallback(() => {
    if (latest.current.readOnly) return;
    const fragment = latest.current.editor.selectedFragment();
    if (!fragment) return;
    const centre = fragmentCentre(fragment, nodeCardSize);
    latest.current.editor.paste(fragment, { x: centre.x + duplicateOffset.x, y: centre.y + duplicateOffset.y });
  }, []);

  useEffect(() => {
    const onCanvas = (target: EventTarget | null) =>
      !isTextEntry(target) && (target === document.body || target === null || (target instanceof Node && Boolean(container.current?.contains(target))));
    const hasTextSelection = () => {
      const selection = window.getSelection();
      return Boolean(selection && !selection.isCollapsed && selection.toString().length > 0);
    };

    function onCopy(event: ClipboardEvent) {
      if (!onCanvas(event.target) || hasTextSelection()) return;
      const fragment = latest.current.editor.selectedFragment();
      if (!fragment || !event.clipboardData) return;
      copiedHere = fragmentToText(fragment);
      event.clipboardData.setData("text/plain", copiedHere);
      event.preventDefault();
    }
    function onCut(event: ClipboardEvent) {
      if (latest.current.readOnly) return;
      onCopy(event);
      if (event.defaultPrevented) latest.current.editor.deleteSelection();
    }
    // Some focus states (a focused node card) get no paste event for Ctrl/Cmd+V; then the
    // shortcut reads the clipboard itself, once it is clear no event came.
    let pasteFallback: ReturnType<typeof setTimeout> | null = null;
    function onPaste(event: ClipboardEvent) {
      if (latest.current.readOnly || !onCanvas(event.target)) return;
      if (pasteFallback) clearTimeout(pasteFallback);
      pasteFallback = null;
      event.preventDefault();
      pasteText(event.clipboardData?.getData("text/plain") ?? "");
    }
    function onKeyDown(event: KeyboardEvent) {
      if (!(event.ctrlKey || event.metaKey) || event.altKey || event.shiftKey || !onCanvas(event.target)) return;
      const key = event.key.toLowerCase();
      if (key === "a") {
        event.preventDefault();
        latest.current.editor.selectAll();
      } else if (key === "v" && !latest.current.readOnly) {
        if (pasteFallback) clearTimeout(pasteFallback);
        pasteFallback = setTimeout(() => {
          pasteFallback = null;
          void paste();
        }, 150);
      } else if (key === "d") {
        // Also keeps the browser from bookmarking the page.
        event.preventDefault();
        duplicate();
      }
    }
    document.addEventListener("copy", onCopy);
    document.addEventListener("cut", onCut);
    document.addEventListener("paste", onPaste);
    window.addEventListener("keydown", onKeyDown);
    return () => {
      document.removeEventListener("copy", onCopy);
      document.removeEventListener("cut", onCut);
      document.removeEventListener("paste", onPaste);
      window.removeEventListener("keydown", onKeyDown);
      if (pasteFallback) clearTimeout(pasteFallback);
    };
  }, [container, duplicate, paste, pasteText]);

  return { copy, cut, paste, duplicate };
}

function isTextEntry(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName);
}
