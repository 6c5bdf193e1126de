"use client";

import { CircleAlert, RefreshCw } from "lucide-react";
import { usePipeline } from "@/lib/client/use-pipeline";
import { Button } from "@/components/ui/Button";
import { NotFoundState } from "@/components/ui/NotFoundState";
import { StatePanel } from "@/components/ui/StatePanel";
import { MonitorSkeleton } from "./MonitorSkeleton";
import { PipelineMonitor } from "./PipelineMonitor";

/** Loads a pipeline and shows its monitor, or the loading, not-found or error state instead. */
export function MonitorScreen({ id }: { id: string }) {
  const { state, reload } = usePipeline(id);
  switch (state.status) {
    case "loading":
      return <MonitorSkeleton />;
    case "not-found":
      return (
        <NotFoundState title="Pipeline not found">
          There is no pipeline with the id <code className="font-mono text-[13px] text-slate-800">{id}</code>. It may have been deleted.
        </NotFoundState>
      );
    case "error":
      return (
        <div className="flex flex-1 items-center justify-center" data-testid="monitor-load-error">
          <StatePanel
            icon={<CircleAlert />}
            tone="danger"
            title="Could not open the monitor"
            actions={
              <Button icon={<RefreshCw />} onClick={reload}>
                Try again
              </Button>
            }
          >
            {state.message}
          </StatePanel>
        </div>
      );
    case "ready":
      return <PipelineMonitor key={state.pipeline.id} pipeline={state.pipeline} />;
  }
}
