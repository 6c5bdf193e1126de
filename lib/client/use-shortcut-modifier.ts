"use client";

import { useSyncExternalStore } from "react";

const subscribe = () => () => {};

/** "⌘" on Apple platforms and "Ctrl" elsewhere, for shortcut hints; "Ctrl" while rendering on the server. */
export function useShortcutModifier(): string {
  return useSyncExternalStore(
    subscribe,
    () => (/Mac|iPhone|iPad/.test(navigator.platform) ? "⌘" : "Ctrl"),
    () => "Ctrl",
  );
}
