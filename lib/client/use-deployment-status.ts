"use client";

import { useSyncExternalStore } from "react";
import type { DeliveryGuarantee, DeploymentRuntime, DeploymentStatusName } from "@/lib/schemas/deployments";
import { ApiError } from "./api-error";
import { deployPipeline, getDeploymentStatus, stopPipeline, type DeployInput, type DeploymentView } from "./api/deployments";

export type { DeliveryGuarantee, DeploymentRuntime, DeploymentStatusName, DeploymentView };

/** Where to run, with which guarantee, and whether to start over (new offsets, empty state). */
export type DeployOptions = DeployInput;

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
  /** Which action `actionError` is about. */
  failedAction: "deploy" | "stop" | null;
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
  failedAction: null,
};

/**
 * One poller per pipeline, shared by every component that asks: the editor's top bar,
 * the monitor's header and its deploy controls then agree on the status at all times,
 * and a deploy started in one shows as pending in the others.
 */
class DeploymentStatusStore {
  private snapshot = initialSnapshot;
  private readonly listeners = new Set<() => void>();
  /** Listeners that follow the actions only (a dashboard row): they do not start the poller. */
  private readonly passiveListeners = new Set<() => void>();
  private timer: number | undefined;
  private inFlight: AbortController | null = null;

  constructor(private readonly pipelineId: string) {}

  readonly getSnapshot = () => this.snapshot;

  readonly subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    if (this.listeners.size === 1) {
      // An error left by an action from a list (no screen of this pipeline open) is old news here.
      this.snapshot = { ...this.snapshot, actionError: null };
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

  readonly subscribePassive = (listener: () => void) => {
    this.passiveListeners.add(listener);
    return () => void this.passiveListeners.delete(listener);
  };

  readonly refresh = () => void this.poll();

  readonly clearActionError = () => this.update({ actionError: null });

  readonly deploy = (options: DeployOptions = {}) => this.act("deploy", options);

  readonly stop = () => this.act("stop");

  private async act(kind: "deploy" | "stop", options?: DeployOptions): Promise<ApiError | null> {
    if (this.snapshot.pending) {
      return new ApiError({ status: 0, code: "BUSY", message: `Still waiting for the previous ${this.snapshot.pending} to be accepted` });
    }
    this.update({ pending: kind, actionError: null });
    try {
      const deployment = kind === "deploy" ? await deployPipeline(this.pipelineId, options) : await stopPipeline(this.pipelineId);
      this.update({ pending: null, deployment });
      // Only a screen that shows the status polls it; a dashboard row gets its news from the dashboard's own poll.
      if (this.listeners.size > 0) void this.poll();
      return null;
    } catch (error) {
      const apiError = ApiError.from(error);
      this.update({ pending: null, actionError: apiError, failedAction: kind });
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
      const body = await getDeploymentStatus(this.pipelineId, controller.signal);
      this.update({ deployment: body.deployment, latestVersion: body.latestVersion, loading: false, error: null, notFound: false });
    } catch (error) {
      if (controller.signal.aborted) return;
      const apiError = ApiError.from(error);
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
    for (const listener of this.passiveListeners) listener();
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

/**
 * Deploy and stop outside React (a confirmation dialog's handler), through the same store as
 * the hooks: the action shows as pending on every screen of the pipeline.
 */
export function deploymentActions(pipelineId: string): Pick<DeploymentStatusHandle, "deploy" | "stop"> {
  const store = storeFor(pipelineId);
  return { deploy: store.deploy, stop: store.stop };
}

/**
 * Deploy and stop for one pipeline through the same store as `useDeploymentStatus`, without
 * polling its status: for lists (the dashboard's rows) that learn the status from their own
 * request. A deploy started here shows as pending in an editor or monitor open on the same
 * pipeline, and theirs here.
 */
export function useDeploymentActions(pipelineId: string): Pick<DeploymentStatusHandle, "pending" | "actionError" | "failedAction" | "deploy" | "stop" | "clearActionError"> {
  const store = storeFor(pipelineId);
  const snapshot = useSyncExternalStore(store.subscribePassive, store.getSnapshot, serverSnapshot);
  return { pending: snapshot.pending, actionError: snapshot.actionError, failedAction: snapshot.failedAction, deploy: store.deploy, stop: store.stop, clearActionError: store.clearActionError };
}
