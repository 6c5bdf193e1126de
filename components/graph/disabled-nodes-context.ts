"use client";

import { createContext, useContext } from "react";

/**
 * The ids of the disabled nodes on the canvas. Node cards read it from context: React Flow
 * hands a card its data, not the document's `disabled` flag kept beside it.
 */
export const DisabledNodesContext = createContext<ReadonlySet<string>>(new Set());

/** Whether a node is disabled (passes its input through, or writes nothing). */
export function useNodeDisabled(nodeId: string): boolean {
  return useContext(DisabledNodesContext).has(nodeId);
}
