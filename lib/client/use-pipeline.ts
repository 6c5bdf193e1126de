"use client";

import { useCallback, useEffect, useState } from "react";
import { getPipeline } from "@/lib/client/api/pipelines";
import { ApiError } from "./api-error";
import { type PipelineDetail } from "@/lib/client/api/pipelines";

export type PipelineState =
  | { status: "loading" }
  | { status: "not-found" }
  | { status: "error"; message: string }
  | { status: "ready"; pipeline: PipelineDetail };

/** Loads one pipeline with its latest graph; `reload` retries after an error. */
export function usePipeline(id: string) {
  const [state, setState] = useState<PipelineState>({ status: "loading" });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    getPipeline(id, controller.signal)
      .then((pipeline) => setState({ status: "ready", pipeline }))
      .catch((error: unknown) => {
        if (controller.signal.aborted) return;
        if (error instanceof ApiError && error.isNotFound) return setState({ status: "not-found" });
        setState({ status: "error", message: error instanceof Error ? error.message : String(error) });
      });
    return () => controller.abort();
  }, [id, attempt]);

  const reload = useCallback(() => {
    setState({ status: "loading" });
    setAttempt((count) => count + 1);
  }, []);

  return { state, reload };
}
