"use client";

import { createContext, useContext } from "react";

/**
 * How the graph renderer draws: `edit` (the editor's canvas: drag, connect, delete, drop
 * from the palette) or `monitor` (read-only, compact cards with their numbers inside).
 * Live numbers are not a mode: either draws them when `CanvasRuntimeContext` has some.
 */
export type GraphMode = "edit" | "monitor";

export const GraphModeContext = createContext<GraphMode>("edit");

/** The mode of the graph this card or edge is drawn in. */
export function useGraphMode(): GraphMode {
  return useContext(GraphModeContext);
}
