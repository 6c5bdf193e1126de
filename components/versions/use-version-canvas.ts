"use client";

import { useCallback, useRef, useState } from "react";
import { getVersion } from "@/lib/client/api/pipelines";
import type { VersionCanvasView } from "./VersionCanvas";

export type VersionCanvasState = {
  view: VersionCanvasView | null;
  /** What is being fetched, for the panel to show; null when idle. */
  loading: string | null;
  error: string | null;
  show: (version: number) => void;
  compare: (from: number, to: number) => void;
  close: () => void;
  dismissError: () => void;
};

/**
 * Which saved version (or pair of versions) the editor's canvas shows instead of the
 * draft, fetched through the API. A newer request wins over one still in flight.
 */
export function useVersionCanvas(pipelineId: string): VersionCanvasState {
  const [view, setView] = useState<VersionCanvasView | null>(null);
  const [loading, setLoading] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const request = useRef(0);

  const run = useCallback(async (label: string, load: () => Promise<VersionCanvasView>) => {
    const id = ++request.current;
    setLoading(label);
    setError(null);
    try {
      const next = await load();
      if (id === request.current) setView(next);
    } catch (caught) {
      if (id === request.current) setError(`Could not open ${label}: ${caught instanceof Error ? caught.message : String(caught)}`);
    } finally {
      if (id === request.current) setLoading(null);
    }
  }, []);

  const show = useCallback(
    (version: number) =>
      void run(`version ${version}`, async () => {
        const detail = await getVersion(pipelineId, version);
        return { kind: "version", version, graph: detail.graph };
      }),
    [pipelineId, run],
  );

  const compare = useCallback(
    (from: number, to: number) =>
      void run(`versions ${from} and ${to}`, async () => {
        const [before, after] = await Promise.all([getVersion(pipelineId, from), getVersion(pipelineId, to)]);
        return { kind: "diff", from: { version: from, graph: before.graph }, to: { version: to, graph: after.graph } };
      }),
    [pipelineId, run],
  );

  const close = useCallback(() => {
    request.current++;
    setView(null);
    setLoading(null);
  }, []);

  return { view, loading, error, show, compare, close, dismissError: useCallback(() => setError(null), []) };
}
