"use client";

import { CircleAlert, Plus, RefreshCw } from "lucide-react";
import { useState } from "react";
import type { PipelineSummary } from "@/lib/client/api-types";
import { usePipelines } from "@/lib/client/use-pipelines";
import { Button } from "@/components/ui/Button";
import { Skeleton } from "@/components/ui/Skeleton";
import { StatePanel } from "@/components/ui/StatePanel";
import { DeletePipelineDialog } from "./DeletePipelineDialog";
import { NewPipelineDialog } from "./NewPipelineDialog";
import { PipelinesEmptyState } from "./PipelinesEmptyState";
import { PipelineTable } from "./PipelineTable";

/** The pipelines page: list, create, rename and delete, with loading, empty and error states. */
export function PipelinesScreen() {
  const { state, reload, update } = usePipelines();
  const [creating, setCreating] = useState(false);
  const [deleting, setDeleting] = useState<PipelineSummary | null>(null);

  const count = state.status === "ready" ? state.pipelines.length : null;

  return (
    <div className="mx-auto w-full max-w-6xl px-6 py-8">
      <div className="mb-6 flex items-end justify-between gap-4">
        <div>
          <h1 className="text-xl font-semibold tracking-tight text-slate-900">
            Pipelines
            {count !== null && count > 0 && <span className="ml-2 text-base font-normal text-slate-400">{count}</span>}
          </h1>
          <p className="mt-1 text-sm text-slate-500">Stream processing jobs built from Kafka topics and operators.</p>
        </div>
        <Button variant="primary" icon={<Plus />} onClick={() => setCreating(true)} data-testid="new-pipeline">
          New pipeline
        </Button>
      </div>

      {state.status === "loading" && <PipelinesLoading />}
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
      {state.status === "ready" && state.pipelines.length === 0 && <PipelinesEmptyState onCreateBlank={() => setCreating(true)} />}
      {state.status === "ready" && state.pipelines.length > 0 && (
        <PipelineTable
          pipelines={state.pipelines}
          onRenamed={(renamed) => update((pipelines) => pipelines.map((item) => (item.id === renamed.id ? renamed : item)))}
          onDelete={setDeleting}
        />
      )}

      <NewPipelineDialog open={creating} onClose={() => setCreating(false)} />
      <DeletePipelineDialog
        pipeline={deleting}
        onClose={() => setDeleting(null)}
        onDeleted={(id) => update((pipelines) => pipelines.filter((item) => item.id !== id))}
      />
    </div>
  );
}

/** Placeholder rows shaped like the table, so the page does not jump when data arrives. */
function PipelinesLoading() {
  return (
    <div className="rounded-lg border border-slate-200 bg-white shadow-xs" role="status" aria-label="Loading pipelines">
      <div className="h-9 border-b border-slate-100" />
      {[0, 1, 2].map((row) => (
        <div key={row} className="flex items-center gap-6 border-b border-slate-100 px-4 py-3.5 last:border-0">
          <Skeleton className="h-3.5 w-44" />
          <Skeleton className="h-3.5 flex-1" />
          <Skeleton className="h-3.5 w-10" />
          <Skeleton className="h-3.5 w-10" />
          <Skeleton className="h-3.5 w-24" />
        </div>
      ))}
    </div>
  );
}
