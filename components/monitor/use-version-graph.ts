"use client";

import { useEffect, useState } from "react";
import type { PipelineDocument } from "@/engine/graph";
import { getVersion } from "@/lib/client/api/pipelines";

export type VersionGraph =
  | { status: "ready"; graph: PipelineDocument; version: number }
  | { status: "loading" }
  /** The version could not be read; the latest graph is shown instead, and the page says so. */
  | { status: "fallback"; graph: PipelineDocument; version: number; message: string };

/**
 * The graph of the version that runs, which may be older than the latest saved one:
 * numbers keyed by node id must land on the nodes that produce them. The latest graph
 * is used as is when it is the running version (or nothing runs).
 */
export function useVersionGraph(pipelineId: string, latest: { version: number; graph: PipelineDocument }, runningVersion: number | null): VersionGraph {
  const wanted = runningVersion ?? latest.version;
  const [fetched, setFetched] = useState<{ version: number; graph: PipelineDocument } | { version: number; error: string } | null>(null);

  useEffect(() => {
    if (wanted === latest.version) return;
    const controller = new AbortController();
    getVersion(pipelineId, wanted, controller.signal)
      .then((version) => setFetched({ version: wanted, graph: version.graph }))
      .catch((error: unknown) => {
        if (controller.signal.aborted) return;
        setFetched({ version: wanted, error: error instanceof Error ? error.message : String(error) });
      });
    return () => controller.abort();
  }, [pipelineId, wanted, latest.version]);

  if (wanted === latest.version) return { status: "ready", graph: latest.graph, version: wanted };
  if (!fetched || fetched.version !== wanted) return { status: "loading" };
  if ("error" in fetched) return { status: "fallback", graph: latest.graph, version: latest.version, message: fetched.error };
  return { status: "ready", graph: fetched.graph, version: wanted };
}
