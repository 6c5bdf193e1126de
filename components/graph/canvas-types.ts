"use client";

import { createContext, useContext } from "react";
import type { RecordType } from "@/engine/expr";
import type { SchemaDrift } from "@/engine/schema/schema-drift";
import type { SampledSchemaView } from "@/lib/client/api/schema";

/** Where a source's sampled schema stands. */
export type SourceSample =
  | { state: "loading" }
  | { state: "error"; message: string }
  | { state: "ready"; schema: SampledSchemaView };

/**
 * The types on the canvas: what flows out of each node (from the expression
 * checker), the schema sampled from each source's topic, and the schema drift
 * between the two. The editor provides it; edges, node cards and the
 * inspector read it.
 */
export type CanvasTypes = {
  outputTypes: ReadonlyMap<string, RecordType>;
  /** By source node id. */
  samples: ReadonlyMap<string, SourceSample>;
  drift: readonly SchemaDrift[];
  /** Samples a source's topic again. */
  refresh: (sourceId: string) => void;
};

const none: CanvasTypes = { outputTypes: new Map(), samples: new Map(), drift: [], refresh: () => {} };

export const CanvasTypesContext = createContext<CanvasTypes>(none);

/** Everything the canvas knows about types. */
export function useCanvasTypes(): CanvasTypes {
  return useContext(CanvasTypesContext);
}

/** The record type leaving a node (what its edges carry); undefined outside the editor or before it is known. */
export function useOutputType(nodeId: string): RecordType | undefined {
  return useContext(CanvasTypesContext).outputTypes.get(nodeId);
}

/** A source's sampled schema, or undefined when it has not been asked for. */
export function useSourceSample(nodeId: string): SourceSample | undefined {
  return useContext(CanvasTypesContext).samples.get(nodeId);
}
