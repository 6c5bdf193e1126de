"use client";

import { useCallback, useEffect, useState } from "react";
import { request } from "./api-client";

export type ResourceState<T> = { status: "loading" } | { status: "error"; message: string } | { status: "ready"; value: T };

/** Loads one GET endpoint in the browser, with a `reload` for after changes. */
export function useApiResource<T>(path: string): { state: ResourceState<T>; reload: () => void } {
  const [state, setState] = useState<ResourceState<T>>({ status: "loading" });
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    const abort = new AbortController();
    request<T>("GET", path, { signal: abort.signal })
      .then((value) => setState({ status: "ready", value }))
      .catch((error: unknown) => {
        if (!abort.signal.aborted) setState({ status: "error", message: error instanceof Error ? error.message : String(error) });
      });
    return () => abort.abort();
  }, [path, generation]);

  return { state, reload: useCallback(() => setGeneration((n) => n + 1), []) };
}
