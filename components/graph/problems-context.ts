"use client";

import { createContext, useContext } from "react";
import type { PipelineProblem } from "@/engine/graph";

/**
 * The live validation problems by node id. Node cards read it from context so problem
 * markers never have to be written into node data, which is what gets saved.
 */
export const NodeProblemsContext = createContext<ReadonlyMap<string, readonly PipelineProblem[]>>(new Map());

/** The problems of one node; an empty list when it has none. */
export function useNodeProblems(nodeId: string): readonly PipelineProblem[] {
  return useContext(NodeProblemsContext).get(nodeId) ?? noProblems;
}

const noProblems: readonly PipelineProblem[] = [];
