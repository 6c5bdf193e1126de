"use client";

import { createContext, useContext } from "react";
import type { NodeHealth } from "./monitored-graph";
import type { NodeRate } from "./windowed-rates";

/** A node's numbers from the running deployment, as its live line shows them. */
export type NodeLiveView = {
  /** Records per second over the last few seconds (steadier than one report's). */
  rate: NodeRate;
  /** Totals since the deployment started. */
  recordsIn: number;
  recordsOut: number;
  errors: number;
  /** Share of the last interval spent processing, 0–1. */
  busy: number;
  health: NodeHealth;
};

/** What one node did in the last preview run. */
export type NodePreviewView = {
  recordsIn: number;
  recordsOut: number;
  /** The records that failed in this node, with the error each one raised. */
  failures: readonly { code: string; detail?: string; message: string }[];
};

/**
 * What the canvas draws over the graph besides its configuration: live numbers while
 * the pipeline runs and the last preview's counts. Node cards and edges read it from
 * context so none of it is written into node data, which is what gets saved.
 */
export type CanvasRuntime = {
  /** Per node id while a deployment reports; null when nothing runs or its numbers are stale. */
  live: ReadonlyMap<string, NodeLiveView> | null;
  /** The version the live numbers come from, which may be older than the one being edited. */
  liveVersion: number | null;
  /** `stale` once the graph was edited after the preview ran. */
  preview: { nodes: ReadonlyMap<string, NodePreviewView>; stale: boolean } | null;
};

export const CanvasRuntimeContext = createContext<CanvasRuntime>({ live: null, liveVersion: null, preview: null });

/** What one node card shows besides its configuration. `live` is undefined while nothing runs, null for a node the deployment lacks. */
export function useNodeRuntime(nodeId: string): { live: NodeLiveView | null | undefined; preview: NodePreviewView | null; previewStale: boolean } {
  const { live, preview } = useContext(CanvasRuntimeContext);
  return {
    live: live ? (live.get(nodeId) ?? null) : undefined,
    preview: preview?.nodes.get(nodeId) ?? null,
    previewStale: preview?.stale ?? false,
  };
}

/** The records per second leaving `sourceId`, which is what flows along each of its edges; null while nothing runs. */
export function useEdgeRate(sourceId: string): number | null {
  const { live } = useContext(CanvasRuntimeContext);
  return live?.get(sourceId)?.rate.out ?? null;
}
