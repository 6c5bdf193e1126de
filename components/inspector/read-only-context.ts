"use client";

import { createContext, useContext } from "react";

/**
 * Whether the inspector shows its forms read-only (a viewer's editor). Form controls are
 * disabled by a `<fieldset disabled>`; CodeMirror's expression editor is not a form control,
 * so it reads this to stop being editable.
 */
export const InspectorReadOnlyContext = createContext(false);

/** True inside a read-only inspector. */
export function useInspectorReadOnly(): boolean {
  return useContext(InspectorReadOnlyContext);
}
