"use client";

import { useCallback, useEffect, useState } from "react";
import { listPipelines } from "./api-client";
import type { PipelineSummary } from "./api-types";

export type PipelinesState =
  | { status: "loading" }
  | { status: "error"; message: string }
  | { status: "ready"; pipelines: PipelineSummary[] };

/**
 * The pipelines list from the API, with `reload` for retries and `update` so a row can be
 * changed or removed right after a mutation without refetching the whole list.
 */
export function usePipelines() {
  const [state, setState] = useState<PipelinesState>({ status: "loading" });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    listPipelines(controller.signal)
      .then((pipelines) => setState({ status: "ready", pipelines }))
      .catch((error: unknown) => {
        if (controller.signal.aborted) return;
        setState({ status: "error", message: error instanceof Error ? error.message : String(error) });
      });
    return () => controller.abort();
  }, [attempt]);

  const reload = useCallback(() => {
    setState({ status: "loading" });
    setAttempt((count) => count + 1);
  }, []);

  const update = useCallback((change: (pipelines: PipelineSummary[]) => PipelineSummary[]) => {
    setState((current) => (current.status === "ready" ? { status: "ready", pipelines: change(current.pipelines) } : current));
  }, []);

  return { state, reload, update };
}
