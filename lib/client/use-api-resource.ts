"use client";

import { useCallback, useEffect, useState } from "react";

export type ResourceState<T> = { status: "loading" } | { status: "error"; message: string } | { status: "ready"; value: T };

/**
 * Loads one resource in the browser through a client function of `lib/client/api/`
 * (e.g. `listConnections`), with a `reload` for after changes. `load` must be stable
 * (a module function, or memoised): a new one loads again.
 */
export function useApiResource<T>(load: (signal: AbortSignal) => Promise<T>): { state: ResourceState<T>; reload: () => void } {
  const [state, setState] = useState<ResourceState<T>>({ status: "loading" });
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    const abort = new AbortController();
    load(abort.signal)
      .then((value) => setState({ status: "ready", value }))
      .catch((error: unknown) => {
        if (!abort.signal.aborted) setState({ status: "error", message: error instanceof Error ? error.message : String(error) });
      });
    return () => abort.abort();
  }, [load, generation]);

  return { state, reload: useCallback(() => setGeneration((n) => n + 1), []) };
}
