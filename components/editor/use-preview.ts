"use client";

import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import type { PipelineDocument } from "@/engine/graph";
import { previewPipeline } from "@/lib/client/api/pipelines";
import { ApiError } from "@/lib/client/api-error";
import { type PreviewResult } from "@/lib/client/api/pipelines";
import { stableStringify } from "@/components/graph/stable-stringify";

/** A finished preview: what the server answered and which graph it ran. */
export type PreviewRun = {
  result: PreviewResult;
  /** When the answer arrived (ms since the epoch). */
  ranAt: number;
  /** Node ids and titles of the graph that ran, so results stay readable after the node is renamed or removed. */
  titles: Readonly<Record<string, string>>;
};

export type PreviewHandle = {
  run: PreviewRun | null;
  running: boolean;
  /** The graph changed (beyond moving nodes) since `run` ran, so its numbers describe an earlier draft. */
  stale: boolean;
  /** Why the last preview could not run, other than problems in the graph (those come back as the rejected ApiError). */
  error: string | null;
  /**
   * Previews `graph` as it is on the canvas, saved or not. Resolves to null when it ran,
   * or to the 422 whose `problems` say why the graph cannot run.
   */
  start: (graph: PipelineDocument, titles: Readonly<Record<string, string>>) => Promise<ApiError | null>;
  /** Drops the results, taking the badges off the canvas. */
  clear: () => void;
  dismissError: () => void;
};

/** The part of a graph a preview depends on: moving nodes around does not make a preview stale. */
function logicKey(graph: PipelineDocument): string {
  return stableStringify({ nodes: graph.nodes.map((node) => ({ id: node.id, type: node.type, data: node.data })), edges: graph.edges });
}

/** Runs previews of the editor's draft and keeps the latest result until another replaces it. */
export function usePreview(pipelineId: string, document: PipelineDocument): PreviewHandle {
  const [run, setRun] = useState<(PreviewRun & { key: string }) | null>(null);
  const [running, setRunning] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const inFlight = useRef<AbortController | null>(null);
  const currentKey = useMemo(() => logicKey(document), [document]);

  useEffect(() => () => inFlight.current?.abort(), []);

  const start = useCallback(
    async (graph: PipelineDocument, titles: Readonly<Record<string, string>>): Promise<ApiError | null> => {
      inFlight.current?.abort();
      const controller = new AbortController();
      inFlight.current = controller;
      setRunning(true);
      setError(null);
      try {
        const result = await previewPipeline(pipelineId, graph, controller.signal);
        setRun({ result, ranAt: Date.now(), titles, key: logicKey(graph) });
        return null;
      } catch (caught) {
        if (controller.signal.aborted) return null;
        if (caught instanceof ApiError && caught.problems.length > 0) return caught;
        setError(caught instanceof Error ? caught.message : String(caught));
        return null;
      } finally {
        if (inFlight.current === controller) {
          inFlight.current = null;
          setRunning(false);
        }
      }
    },
    [pipelineId],
  );

  const clear = useCallback(() => setRun(null), []);
  const dismissError = useCallback(() => setError(null), []);

  return { run, running, stale: run !== null && run.key !== currentKey, error, start, clear, dismissError };
}
