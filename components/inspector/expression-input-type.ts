"use client";

import { createContext, useContext } from "react";
import type { RecordType } from "@/engine/expr";

/**
 * The record type arriving at the node being edited, for the expression
 * editor's completions. The node inspector provides it around the form; null
 * when nothing is known (no input yet, or an upstream problem).
 */
export const ExpressionInputTypeContext = createContext<RecordType | null>(null);

/** The input type of the node whose expression is being edited. */
export function useExpressionInputType(): RecordType | null {
  return useContext(ExpressionInputTypeContext);
}
