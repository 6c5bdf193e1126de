"use client";

import clsx from "clsx";
import { Pause, Play, Search, X } from "lucide-react";
import { useDeferredValue, useId, useMemo, useState, type ReactNode } from "react";
import { nodeTypes, type NodeTypeName } from "@/engine/graph";
import type { Sample } from "@/lib/client/use-live-telemetry";
import { NodeIconTile } from "@/components/graph/NodeIconTile";
import { Button } from "@/components/ui/Button";
import { IconButton } from "@/components/ui/IconButton";
import { SampleColumn, type SampleView } from "./SampleColumn";
import { sampleEntries } from "./sample-entries";
import { SegmentedControl } from "@/components/ui/SegmentedControl";

type SamplePanelProps = {
  nodeId: string;
  /** The node's title as the canvas shows it. */
  title: string;
  /** Picks the icon, and which sides apply: a source has no input, a sink's output is what it wrote. */
  nodeType: NodeTypeName;
  /** Records the node received, oldest first as the API sends them (`LiveSamples.nodes[id].in`, or a preview's `nodes[id].in`). */
  samplesIn: readonly Sample[];
  /** Records the node emitted, oldest first. */
  samplesOut: readonly Sample[];
  /** `live` offers pause and resume; `preview` labels the records as a draft run's. */
  mode: "live" | "preview";
  /** Live only: whether the host froze the samples (see `useLiveTelemetry`'s `pauseSamples`). */
  paused?: boolean;
  onPausedChange?: (paused: boolean) => void;
  onClose?: () => void;
  /** Said by a side without records, e.g. "Waiting for records…" or "Deploy the pipeline to see records". */
  emptyText?: ReactNode;
  className?: string;
};

const views = [
  { value: "json", label: "JSON" },
  { value: "table", label: "Table" },
  { value: "raw", label: "Raw" },
] as const;

/**
 * The records around one node, input and output side by side (n8n's habit), live or
 * from a preview. A JSON tree, table or raw view, a text filter over the records' JSON,
 * each record's timestamp; live samples show newest first and can be paused to read
 * them while records flow.
 */
export function SamplePanel({
  nodeId,
  title,
  nodeType,
  samplesIn,
  samplesOut,
  mode,
  paused = false,
  onPausedChange,
  onClose,
  emptyText,
  className,
}: SamplePanelProps) {
  const [view, setView] = useState<SampleView>("json");
  const [filter, setFilter] = useState("");
  const deferredFilter = useDeferredValue(filter.trim().toLowerCase());
  const filterId = useId();
  const description = nodeTypes[nodeType];
  const hasInput = description.inputs.kind !== "none";

  // A live tail reads newest first; a preview keeps the order the records went through the graph.
  const newestFirst = mode === "live";
  const shownIn = useMemo(() => sampleEntries(samplesIn, deferredFilter, newestFirst), [samplesIn, deferredFilter, newestFirst]);
  const shownOut = useMemo(() => sampleEntries(samplesOut, deferredFilter, newestFirst), [samplesOut, deferredFilter, newestFirst]);
  const empty = emptyText ?? (mode === "live" ? (paused ? "No records when paused." : "Waiting for records…") : "The preview produced no records here.");

  return (
    <section
      className={clsx("flex min-h-0 min-w-0 flex-col bg-white", className)}
      aria-label={`Records of ${title}`}
      data-testid="sample-panel"
      data-node-id={nodeId}
    >
      <header className="flex shrink-0 flex-wrap items-center gap-x-3 gap-y-2 border-b border-slate-200 px-3 py-2">
        <div className="flex min-w-48 flex-1 items-center gap-2.5">
          <NodeIconTile type={nodeType} />
          <div className="min-w-0">
            <h2 className="truncate text-[13px] leading-5 font-semibold text-slate-900">{title}</h2>
            <p className="truncate text-[11px] leading-4 text-slate-500">
              {description.label} · <span className="font-mono">{nodeId}</span> · {mode === "live" ? "last 50 records each way" : "preview run"}
            </p>
          </div>
          {mode === "live" ? (
            <LiveBadge paused={paused} />
          ) : (
            <span className="rounded-full bg-indigo-50 px-2 text-[11px] leading-5 font-medium text-indigo-700">Preview</span>
          )}
        </div>
        <div className="relative w-64 min-w-40">
          <label htmlFor={filterId} className="sr-only">
            Filter records
          </label>
          <Search className="pointer-events-none absolute top-1/2 left-2 size-3.5 -translate-y-1/2 text-slate-500" aria-hidden="true" />
          <input
            id={filterId}
            type="search"
            value={filter}
            onChange={(event) => setFilter(event.target.value)}
            placeholder="Filter records"
            className="nokey block h-7 w-full rounded-md border border-slate-300 bg-white pr-2 pl-7 text-xs text-slate-900 placeholder:text-slate-400 hover:border-slate-400 focus:border-indigo-500 focus:ring-2 focus:ring-indigo-100 focus:outline-none"
            data-testid="sample-filter"
          />
        </div>
        <SegmentedControl label="Record view" options={views} value={view} onChange={setView} />
        {mode === "live" && onPausedChange && (
          <Button
            size="sm"
            icon={paused ? <Play /> : <Pause />}
            onClick={() => onPausedChange(!paused)}
            aria-pressed={paused}
            className="w-[84px]"
            data-testid="sample-pause"
          >
            {paused ? "Resume" : "Pause"}
          </Button>
        )}
        {onClose && <IconButton label="Close records" icon={<X />} onClick={onClose} className="-mr-1" />}
      </header>
      <div className={clsx("grid min-h-0 flex-1 divide-x divide-slate-200", hasInput ? "grid-cols-2" : "grid-cols-1")}>
        {hasInput && (
          <SampleColumn
            title="Input"
            entries={shownIn}
            total={samplesIn.length}
            view={view}
            filtered={deferredFilter !== ""}
            emptyText={empty}
            data-testid="samples-in"
          />
        )}
        <SampleColumn
          // A preview writes nothing: its sink shows what a deployment would write.
          title={description.outputs.kind !== "none" ? "Output" : mode === "preview" ? "Would write to Kafka" : "Written to Kafka"}
          entries={shownOut}
          total={samplesOut.length}
          view={view}
          filtered={deferredFilter !== ""}
          emptyText={empty}
          data-testid="samples-out"
        />
      </div>
    </section>
  );
}

function LiveBadge({ paused }: { paused: boolean }) {
  return paused ? (
    <span className="rounded-full bg-slate-100 px-2 text-[11px] leading-5 font-medium text-slate-600" data-testid="samples-paused">
      Paused
    </span>
  ) : (
    <span className="flex items-center gap-1.5 rounded-full bg-indigo-50 px-2 text-[11px] leading-5 font-medium text-indigo-700">
      <span className="size-1.5 animate-pulse rounded-full bg-indigo-500" aria-hidden="true" />
      Live
    </span>
  );
}
