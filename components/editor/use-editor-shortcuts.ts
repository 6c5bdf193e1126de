"use client";

import { useEffect, useRef } from "react";

type EditorShortcuts = { save: () => void; undo: () => void; redo: () => void };

/**
 * Ctrl/Cmd+S saves from anywhere, including while typing in a field. Undo and redo act on
 * the graph only when focus is not in a text field, which keeps its own undo.
 */
export function useEditorShortcuts(shortcuts: EditorShortcuts) {
  const latest = useRef(shortcuts);
  useEffect(() => {
    latest.current = shortcuts;
  });

  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      if (!(event.ctrlKey || event.metaKey) || event.altKey) return;
      const key = event.key.toLowerCase();
      if (key === "s") {
        event.preventDefault();
        latest.current.save();
        return;
      }
      if (isTextEntry(event.target)) return;
      if ((key === "z" && event.shiftKey) || key === "y") {
        event.preventDefault();
        latest.current.redo();
      } else if (key === "z") {
        event.preventDefault();
        latest.current.undo();
      }
    }
    window.addEventListener("keydown", onKeyDown);
    return () => window.removeEventListener("keydown", onKeyDown);
  }, []);
}

function isTextEntry(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName);
}
