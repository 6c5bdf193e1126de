"use client";

import { CircleAlert, Plus, RefreshCw, TriangleAlert } from "lucide-react";
import { useState } from "react";
import { type DashboardRow } from "@/lib/client/api/dashboard";
import { useDashboard } from "@/lib/client/use-dashboard";
import { useCanEdit } from "@/components/auth/SessionProvider";
import { Button } from "@/components/ui/Button";
import { Skeleton } from "@/components/ui/Skeleton";
import { StatePanel } from "@/components/ui/StatePanel";
import { DashboardSummary } from "./DashboardSummary";
import { DeletePipelineDialog } from "./DeletePipelineDialog";
import { ImportPipelineDrop } from "./ImportPipelineDrop";
import { NewPipelineDialog } from "./NewPipelineDialog";
import { PipelinesEmptyState } from "./PipelinesEmptyState";
import { PipelineTable } from "./PipelineTable";
import { StopPipelineDialog } from "./StopPipelineDialog";

/**
 * The dashboard at `/`: every pipeline with its status, throughput, lag and errors,
 * refreshed every 2 seconds, and the ways to create, deploy, stop, rename and delete
 * them; with loading, empty and error states.
 */
export function PipelinesScreen() {
  const { state, refresh, reload, mutate } = useDashboard();
  const canEdit = useCanEdit();
  const [creating, setCreating] = useState(false);
  const [deleting, setDeleting] = useState<DashboardRow | null>(null);
  const [stopping, setStopping] = useState<DashboardRow | null>(null);

  const rows = state.status === "ready" ? state.rows : null;

  return (
    <div className="mx-auto w-full max-w-7xl px-6 py-8">
      <div className="mb-6 flex items-end justify-between gap-4">
        <div>
          <h1 className="text-xl font-semibold tracking-tight text-slate-900">
            Pipelines
            {rows !== null && rows.length > 0 && <span className="ml-2 text-base font-normal text-slate-500">{rows.length}</span>}
          </h1>
          <p className="mt-1 text-sm text-slate-500">Stream processing jobs built from Kafka topics and operators.</p>
        </div>
        <div className="flex items-center gap-6">
          {rows !== null && rows.length > 0 && <DashboardSummary rows={rows} />}
          {canEdit && (
            <Button variant="primary" icon={<Plus />} onClick={() => setCreating(true)} data-testid="new-pipeline">
              New pipeline
            </Button>
          )}
        </div>
      </div>

      <ImportPipelineDrop enabled={canEdit} onImported={refresh}>
      {state.status === "loading" && <DashboardLoading />}
      {state.status === "error" && (
        <div className="rounded-lg border border-slate-200 bg-white" data-testid="pipelines-error">
          <StatePanel
            icon={<CircleAlert />}
            tone="danger"
            title="Could not load pipelines"
            actions={
              <Button icon={<RefreshCw />} onClick={reload}>
                Try again
              </Button>
            }
          >
            {state.message}
          </StatePanel>
        </div>
      )}
      {state.status === "ready" && state.refreshError && (
        <p role="status" className="mb-3 flex items-center gap-2 text-xs text-amber-800" data-testid="dashboard-stale">
          <TriangleAlert className="size-3.5 text-amber-600" aria-hidden="true" />
          Showing the last numbers received; refreshing failed: {state.refreshError}
        </p>
      )}
      {rows !== null && rows.length === 0 && <PipelinesEmptyState onCreateBlank={() => setCreating(true)} />}
      {rows !== null && rows.length > 0 && (
        <PipelineTable
          rows={rows}
          onRenamed={(id, name, updatedAt) => mutate((current) => current.map((row) => (row.id === id ? { ...row, name, updatedAt } : row)))}
          onDelete={setDeleting}
          onStop={setStopping}
          onDeployed={refresh}
        />
      )}
      {rows !== null && rows.length > 0 && (
        <p className="mt-2 text-right text-xs text-slate-500">Refreshed every 2 seconds · records/s averaged over the last 5 seconds</p>
      )}
      </ImportPipelineDrop>

      <NewPipelineDialog open={creating} onClose={() => setCreating(false)} />
      <DeletePipelineDialog
        pipeline={deleting}
        onClose={() => setDeleting(null)}
        onDeleted={(id) => mutate((current) => current.filter((row) => row.id !== id))}
      />
      <StopPipelineDialog pipeline={stopping} onClose={() => setStopping(null)} onStopped={refresh} />
    </div>
  );
}

/** Placeholder rows shaped like the table, so the page does not jump when data arrives. */
function DashboardLoading() {
  return (
    <div className="rounded-lg border border-slate-200 bg-white shadow-xs" role="status" aria-label="Loading pipelines">
      <div className="h-9 border-b border-slate-100 bg-slate-50/70" />
      {[0, 1, 2].map((row) => (
        <div key={row} className="flex h-[61px] items-center gap-6 border-b border-slate-100 px-4 last:border-0">
          <div className="flex flex-1 flex-col gap-1.5">
            <Skeleton className="h-3.5 w-44" />
            <Skeleton className="h-3 w-72" />
          </div>
          <Skeleton className="h-6 w-24 rounded-full" />
          <Skeleton className="h-6 w-40" />
          <Skeleton className="h-3.5 w-12" />
          <Skeleton className="h-3.5 w-12" />
          <Skeleton className="h-3.5 w-24" />
          <Skeleton className="h-7 w-48" />
        </div>
      ))}
    </div>
  );
}
