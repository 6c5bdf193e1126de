"use client";

import { useMemo, type ReactNode } from "react";
import type { PipelineDocument } from "@/engine/graph";
import { isDeploymentActive, useDeploymentStatus } from "@/lib/client/use-deployment-status";
import { useLiveTelemetry } from "@/lib/client/use-live-telemetry";
import { useNow } from "@/lib/client/use-now";
import { CanvasRuntimeContext, type CanvasRuntime } from "@/components/graph/canvas-runtime";
import { EditorLiveContext } from "./editor-live-context";
import { liveCanvasNodes } from "@/components/graph/live-canvas-nodes";

/** Reports older than this mean the engine stopped reporting: the canvas stops showing numbers as live. */
const freshMs = 10_000;

type EditorLiveProviderProps = {
  pipelineId: string;
  /** The graph on the canvas; live numbers land on its nodes by id. */
  graph: PipelineDocument;
  preview: CanvasRuntime["preview"];
  /** Freezes the live samples so they can be read while records flow. */
  pauseSamples: boolean;
  children: ReactNode;
};

/**
 * Follows the pipeline's deployment and, once it has one, its live telemetry, and hands
 * both down: numbers and preview counts to the canvas, samples and counters to the
 * drawer. Updates arrive about once a second; only the components reading them render
 * again, not the whole editor passed in as `children`.
 */
export function EditorLiveProvider({ pipelineId, graph, preview, pauseSamples, children }: EditorLiveProviderProps) {
  const { deployment } = useDeploymentStatus(pipelineId);
  // A pipeline never deployed has nothing to stream; one deployed before has history worth showing.
  const telemetry = useLiveTelemetry(pipelineId, { enabled: deployment !== null, pauseSamples });
  const now = useNow(1_000);
  const latest = telemetry.latest;
  const live =
    deployment !== null && isDeploymentActive(deployment) && latest !== null && latest.deploymentId === deployment.id && now - latest.at < freshMs;

  const liveNodes = useMemo(() => (live ? liveCanvasNodes(telemetry.history, graph) : null), [live, telemetry.history, graph]);
  const liveVersion = live ? (latest?.version ?? null) : null;
  const canvas = useMemo<CanvasRuntime>(() => ({ live: liveNodes, liveVersion, preview }), [liveNodes, liveVersion, preview]);

  return (
    <EditorLiveContext value={{ deployment, live, telemetry }}>
      <CanvasRuntimeContext value={canvas}>{children}</CanvasRuntimeContext>
    </EditorLiveContext>
  );
}
