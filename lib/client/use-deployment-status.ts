"use client";

import { useSyncExternalStore } from "react";
import type { DeploymentView } from "@/lib/server/deployments/deployment-view";
import { ApiError } from "./api-error";
import type { ApiErrorBody } from "./api-types";

export type { DeploymentView };

/** What the engine reports about a deployment; `unresponsive` is the server's verdict when heartbeats stop. */
export type DeploymentStatusName = "starting" | "running" | "degraded" | "stopping" | "stopped" | "failed" | "unresponsive";

export type DeliveryGuarantee = "exactly-once" | "at-least-once";

export type DeploymentRuntime = "embedded" | "flink";

export type DeployOptions = {
  /** Where the pipeline runs: the embedded engine or the Flink cluster. */
  runtime?: DeploymentRuntime;
  guarantee?: DeliveryGuarantee;
  /** Start over with new consumer offsets and empty operator state. */
  reset?: boolean;
};

export type DeploymentStatusSnapshot = {
  /** The pipeline's latest deployment, or null when it was never deployed. */
  deployment: DeploymentView | null;
  /** The pipeline's latest saved version, to tell whether the deployed one is behind. */
  latestVersion: number | null;
  /** True until the first answer (or failure) of the status endpoint. */
  loading: boolean;
  /** Why the last poll failed; the last known deployment is kept meanwhile. */
  error: string | null;
  notFound: boolean;
  /** The action in flight, shared by every component showing this pipeline. */
  pending: "deploy" | "stop" | null;
  /** The last failed deploy or stop; a 422 carries the graph's problems in `actionError.problems`. */
  actionError: ApiError | null;
};

export type DeploymentStatusHandle = DeploymentStatusSnapshot & {
  /** Deploys the latest saved version; resolves to null when accepted, or to the error (also kept in `actionError`). */
  deploy: (options?: DeployOptions) => Promise<ApiError | null>;
  /** Stops the deployment, keeping offsets and state; resolves like `deploy`. */
  stop: () => Promise<ApiError | null>;
  /** Polls now instead of waiting for the next tick. */
  refresh: () => void;
  clearActionError: () => void;
};

const steadyPollMs = 2_000;
// Starting and stopping settle within a second or two; polling faster makes the pill follow.
const transitionPollMs = 600;

const initialSnapshot: DeploymentStatusSnapshot = {
  deployment: null,
  latestVersion: null,
  loading: true,
  error: null,
  notFound: false,
  pending: null,
  actionError: null,
};

/**
 * One poller per pipeline, shared by every component that asks: the editor's top bar,
 * the monitor's header and its deploy controls then agree on the status at all times,
 * and a deploy started in one shows as pending in the others.
 */
class DeploymentStatusStore {
  private snapshot = initialSnapshot;
  private readonly listeners = new Set<() => void>();
  private timer: number | undefined;
  private inFlight: AbortController | null = null;

  constructor(private readonly pipelineId: string) {}

  readonly getSnapshot = () => this.snapshot;

  readonly subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    if (this.listeners.size === 1) {
      document.addEventListener("visibilitychange", this.onVisibilityChange);
      void this.poll();
    }
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size > 0) return;
      document.removeEventListener("visibilitychange", this.onVisibilityChange);
      window.clearTimeout(this.timer);
      this.inFlight?.abort();
      // A failed action's message belongs to the screen that showed it; coming back starts clean.
      this.snapshot = { ...this.snapshot, actionError: null };
    };
  };

  readonly refresh = () => void this.poll();

  readonly clearActionError = () => this.update({ actionError: null });

  readonly deploy = (options: DeployOptions = {}) => this.act("deploy", "deploy", options);

  readonly stop = () => this.act("stop", "stop");

  private async act(kind: "deploy" | "stop", path: string, body?: DeployOptions): Promise<ApiError | null> {
    if (this.snapshot.pending) {
      return new ApiError({ status: 0, code: "BUSY", message: `Still waiting for the previous ${this.snapshot.pending} to be accepted` });
    }
    this.update({ pending: kind, actionError: null });
    try {
      const result = await requestJson<{ deployment: DeploymentView }>("POST", `${pipelinePath(this.pipelineId)}/${path}`, body);
      this.update({ pending: null, deployment: result.deployment });
      void this.poll();
      return null;
    } catch (error) {
      const apiError = toApiError(error);
      this.update({ pending: null, actionError: apiError });
      return apiError;
    }
  }

  private readonly onVisibilityChange = () => {
    // Hidden tabs stop polling; coming back shows the truth at once rather than after a tick.
    if (document.visibilityState === "visible") void this.poll();
  };

  private async poll(): Promise<void> {
    window.clearTimeout(this.timer);
    this.inFlight?.abort();
    const controller = new AbortController();
    this.inFlight = controller;
    try {
      const body = await requestJson<{ deployment: DeploymentView | null; latestVersion: number }>(
        "GET",
        `${pipelinePath(this.pipelineId)}/status`,
        undefined,
        controller.signal,
      );
      this.update({ deployment: body.deployment, latestVersion: body.latestVersion, loading: false, error: null, notFound: false });
    } catch (error) {
      if (controller.signal.aborted) return;
      const apiError = toApiError(error);
      this.update({ loading: false, error: apiError.message, notFound: apiError.isNotFound });
    }
    if (this.listeners.size === 0 || this.snapshot.notFound || document.visibilityState === "hidden") return;
    const status = this.snapshot.deployment?.status;
    const delay = status === "starting" || status === "stopping" || this.snapshot.pending ? transitionPollMs : steadyPollMs;
    this.timer = window.setTimeout(() => void this.poll(), delay);
  }

  private update(change: Partial<DeploymentStatusSnapshot>): void {
    this.snapshot = { ...this.snapshot, ...change };
    for (const listener of this.listeners) listener();
  }
}

const stores = new Map<string, DeploymentStatusStore>();

function storeFor(pipelineId: string): DeploymentStatusStore {
  let store = stores.get(pipelineId);
  if (!store) {
    store = new DeploymentStatusStore(pipelineId);
    stores.set(pipelineId, store);
  }
  return store;
}

const serverSnapshot = () => initialSnapshot;

/**
 * The deployment status of a pipeline, polled every 2 s (faster while it starts or
 * stops, not at all while the tab is hidden), with `deploy` and `stop` actions.
 * Every component calling it for the same pipeline shares one poller and one state.
 */
export function useDeploymentStatus(pipelineId: string): DeploymentStatusHandle {
  const store = storeFor(pipelineId);
  const snapshot = useSyncExternalStore(store.subscribe, store.getSnapshot, serverSnapshot);
  return { ...snapshot, deploy: store.deploy, stop: store.stop, refresh: store.refresh, clearActionError: store.clearActionError };
}

/** Whether the deployment is meant to run, i.e. whether Stop has something to stop. */
export function isDeploymentActive(deployment: DeploymentView | null): boolean {
  return deployment?.desiredState === "running";
}

function pipelinePath(id: string): string {
  return `/api/pipelines/${encodeURIComponent(id)}`;
}

async function requestJson<T>(method: "GET" | "POST", path: string, json?: unknown, signal?: AbortSignal): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      signal,
      cache: "no-store",
      headers: json === undefined ? { accept: "application/json" } : { accept: "application/json", "content-type": "application/json" },
      body: json === undefined ? undefined : JSON.stringify(json),
    });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new ApiError({ status: 0, code: "NETWORK", message: "Cannot reach the Streamline server. Check that it is running." });
  }
  const text = await response.text();
  let body: unknown = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = null;
  }
  if (response.ok) return body as T;
  const error = (body as Partial<ApiErrorBody> | null)?.error;
  throw new ApiError({
    status: response.status,
    code: error?.code ?? `HTTP_${response.status}`,
    message: error?.message ?? `The server answered ${response.status} ${response.statusText}`.trim(),
    details: error?.details,
  });
}

function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  return new ApiError({ status: 0, code: "UNKNOWN", message: error instanceof Error ? error.message : String(error) });
}
