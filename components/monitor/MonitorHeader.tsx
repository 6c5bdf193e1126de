"use client";

import clsx from "clsx";
import { ArrowLeft, LoaderCircle, Pencil } from "lucide-react";
import Link from "next/link";
import type { DeploymentView } from "@/lib/client/use-deployment-status";
import type { LiveConnection } from "@/lib/client/use-live-telemetry";
import { useCanEdit } from "@/components/auth/SessionProvider";
import { DeployControls } from "@/components/live/DeployControls";
import { formatElapsed } from "@/lib/client/format-live";
import { StatusPill } from "@/components/live/StatusPill";

type MonitorHeaderProps = {
  pipelineId: string;
  name: string;
  deployment: DeploymentView | null;
  connection: LiveConnection;
  now: number;
};

/**
 * The monitor's top bar, shaped like the editor's: back, name, status and what runs
 * (version, guarantee, for how long) on the left; the live connection, the way to the
 * editor and the deploy controls on the right.
 */
export function MonitorHeader({ pipelineId, name, deployment, connection, now }: MonitorHeaderProps) {
  const canEdit = useCanEdit();
  return (
    <div className="flex h-12 shrink-0 items-center gap-3 border-b border-slate-200 bg-white px-3">
      <Link
        href="/"
        aria-label="Back to pipelines"
        title="Back to pipelines"
        className="inline-flex size-8 items-center justify-center rounded-md text-slate-500 hover:bg-slate-100 hover:text-slate-900"
      >
        <ArrowLeft className="size-4" aria-hidden="true" />
      </Link>
      <h1 className="min-w-0 truncate text-[15px] font-semibold text-slate-900" data-testid="monitor-pipeline-name">
        {name}
      </h1>
      <StatusPill status={deployment?.status ?? null} error={deployment?.error} runtime={deployment?.runtime} />
      {deployment && (
        <p className="hidden min-w-0 truncate text-xs text-slate-500 tabular-nums md:block" data-testid="monitor-deployment-meta">
          <span className="font-medium text-slate-700">v{deployment.version}</span> · {deployment.guarantee} · {deploymentAge(deployment, now)}
        </p>
      )}

      <div className="ml-auto flex items-center gap-2">
        {deployment && (
          <>
            <ConnectionBadge connection={connection} />
            <span className="mx-1 h-5 w-px bg-slate-200" aria-hidden="true" />
          </>
        )}
        <Link
          href={`/pipelines/${encodeURIComponent(pipelineId)}`}
          className="inline-flex h-8 items-center gap-2 rounded-md px-3 text-sm font-medium text-slate-600 hover:bg-slate-100 hover:text-slate-900"
          data-testid="open-editor"
        >
          <Pencil className="size-4" aria-hidden="true" />
          Edit pipeline
        </Link>
        {canEdit && <DeployControls pipelineId={pipelineId} pipelineName={name} showStatus={false} />}
      </div>
    </div>
  );
}

function deploymentAge(deployment: DeploymentView, now: number): string {
  const since = (iso: string | null) => (iso ? formatElapsed(now - new Date(iso).getTime()) : null);
  if (deployment.status === "stopped" && deployment.stoppedAt) return `stopped ${since(deployment.stoppedAt)} ago`;
  if (deployment.status === "running" || deployment.status === "degraded") {
    const uptime = since(deployment.startedAt);
    if (uptime) return `up ${uptime}`;
  }
  return `deployed ${since(deployment.createdAt)} ago`;
}

/** Whether the numbers on screen are live: Grafana's habit of saying when a dashboard stopped updating. */
function ConnectionBadge({ connection }: { connection: LiveConnection }) {
  const live = connection === "live";
  return (
    <span
      className={clsx(
        "inline-flex h-6 items-center gap-1.5 rounded-full px-2 text-xs font-medium",
        connection === "reconnecting" ? "bg-amber-50 text-amber-800" : "text-slate-600",
      )}
      title={live ? "Numbers update about once a second" : "The live connection dropped; the browser is reconnecting"}
      data-testid="live-connection"
      data-connection={connection}
      role="status"
    >
      {live ? (
        <span className="relative flex size-2" aria-hidden="true">
          <span className="absolute inline-flex size-full animate-ping rounded-full bg-indigo-400 opacity-60" />
          <span className="relative inline-flex size-2 rounded-full bg-indigo-500" />
        </span>
      ) : (
        <LoaderCircle className="size-3.5 animate-spin" aria-hidden="true" />
      )}
      {live ? "Live" : connection === "connecting" ? "Connecting…" : "Reconnecting…"}
    </span>
  );
}
