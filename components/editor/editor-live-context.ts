"use client";

import { createContext, useContext } from "react";
import type { DeploymentView } from "@/lib/client/use-deployment-status";
import type { LiveTelemetry } from "@/lib/client/use-live-telemetry";

/** The running deployment as the editor's drawer sees it. */
export type EditorLive = {
  deployment: DeploymentView | null;
  /** Whether the deployment should run and its numbers are current. */
  live: boolean;
  telemetry: LiveTelemetry;
};

export const EditorLiveContext = createContext<EditorLive | null>(null);

/** The editor's live state; only inside `EditorLiveProvider`. */
export function useEditorLive(): EditorLive {
  const value = useContext(EditorLiveContext);
  if (!value) throw new Error("useEditorLive needs an EditorLiveProvider above it");
  return value;
}
