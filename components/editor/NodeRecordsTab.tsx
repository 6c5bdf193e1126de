"use client";

import clsx from "clsx";
import { CircleAlert, FlaskConical, MousePointerClick, TriangleAlert, X } from "lucide-react";
import { useState } from "react";
import { nodeTypes, type NodeTypeName } from "@/engine/graph";
import type { DeploymentView } from "@/lib/client/use-deployment-status";
import { categoryStyles, nodeTypeIcons } from "@/components/graph/node-appearance";
import { formatClockSeconds, formatDuration, formatNumber } from "@/lib/client/format-live";
import { SamplePanel } from "@/components/live/SamplePanel";
import { SegmentedControl } from "@/components/ui/SegmentedControl";
import { IconButton } from "@/components/ui/IconButton";
import { useEditorLive } from "./editor-live-context";
import type { PreviewHandle } from "./use-preview";

/** A node as the drawer names it. */
export type DrawerNode = { id: string; type: NodeTypeName; title: string };

type NodeRecordsTabProps = {
  /** The node selected on the canvas, whose records are shown; null when none (or several) is. */
  node: DrawerNode | null;
  /** Every node, offered as shortcuts while none is selected. */
  nodes: readonly DrawerNode[];
  onSelectNode: (nodeId: string) => void;
  preview: PreviewHandle;
  paused: boolean;
  onPausedChange: (paused: boolean) => void;
  /** Opens the Dead letters tab, where the preview's failures are listed in full. */
  onShowFailures: () => void;
};

type Source = "preview" | "live";

const sourceOptions: { value: Source; label: string }[] = [
  { value: "preview", label: "Preview" },
  { value: "live", label: "Live" },
];

/**
 * The drawer's Samples tab: the records in and out of the selected node, from the last
 * preview when one ran (the default, since it answers "what does my draft do") or live
 * from the deployment; a switch picks when both exist, and the panel says which it shows.
 */
export function NodeRecordsTab({ node, nodes, onSelectNode, preview, paused, onPausedChange, onShowFailures }: NodeRecordsTabProps) {
  const { deployment, telemetry } = useEditorLive();
  // The ranAt of the preview the user switched away from: a newer preview shows itself again.
  const [liveChosenFor, setLiveChosenFor] = useState<number | null>(null);
  const run = preview.run;
  const hasLive = deployment !== null;
  const source: Source = run !== null && (!hasLive || liveChosenFor !== run.ranAt) ? "preview" : "live";

  return (
    <div className="flex min-h-0 flex-1 flex-col" data-testid="samples-tab" data-source={source}>
      {run && (
        <div className="flex h-9 shrink-0 items-center gap-3 border-b border-slate-200 bg-slate-50 px-3 text-xs text-slate-600" data-testid="preview-info">
          {hasLive ? (
            <SegmentedControl label="Records from" options={sourceOptions} value={source} onChange={(value) => setLiveChosenFor(value === "live" ? run.ranAt : null)} />
          ) : (
            <FlaskConical className="size-3.5 text-indigo-600" aria-hidden="true" />
          )}
          <p className="min-w-0 flex-1 truncate tabular-nums">
            <span className="font-medium text-slate-800">Preview at {formatClockSeconds(run.ranAt)}</span> ·{" "}
            {formatNumber(run.result.sources.reduce((total, read) => total + read.records, 0))} latest records from{" "}
            {describeTopics(run.result.sources.map((read) => read.topic))} · ran in {formatDuration(run.result.durationMs)} · nothing was written
          </p>
          {run.result.sources.some((read) => read.missing) && (
            <span className="flex shrink-0 items-center gap-1 font-medium text-amber-700" data-testid="preview-missing-topic">
              <TriangleAlert className="size-3.5" aria-hidden="true" />
              Topic {[...new Set(run.result.sources.filter((read) => read.missing).map((read) => read.topic))].join(", ")} does not exist
            </span>
          )}
          {preview.stale && (
            <span className="flex shrink-0 items-center gap-1 font-medium text-amber-700" data-testid="preview-stale">
              <TriangleAlert className="size-3.5" aria-hidden="true" />
              The graph changed since: run Preview again
            </span>
          )}
          <IconButton label="Clear the preview" icon={<X />} onClick={preview.clear} className="-mr-1" />
        </div>
      )}
      {node === null ? (
        <NodeChooser nodes={nodes} onSelectNode={onSelectNode} counts={run && source === "preview" ? run.result.nodes : null} />
      ) : source === "preview" && run ? (
        <>
          <NodeFailures failures={run.result.deadLetters.filter((letter) => letter.nodeId === node.id)} onShowFailures={onShowFailures} />
          <SamplePanel
            key={`preview:${node.id}`}
            className="min-h-0 flex-1"
            nodeId={node.id}
            title={node.title}
            nodeType={node.type}
            samplesIn={run.result.nodes[node.id]?.in ?? []}
            samplesOut={run.result.nodes[node.id]?.out ?? []}
            mode="preview"
            emptyText={run.result.nodes[node.id] ? undefined : "This node was not in the previewed draft. Run Preview again."}
          />
        </>
      ) : (
        <SamplePanel
          key={`live:${node.id}`}
          className="min-h-0 flex-1"
          nodeId={node.id}
          title={node.title}
          nodeType={node.type}
          samplesIn={telemetry.samples?.nodes[node.id]?.in ?? []}
          samplesOut={telemetry.samples?.nodes[node.id]?.out ?? []}
          mode="live"
          paused={paused}
          onPausedChange={onPausedChange}
          emptyText={liveEmptyText(deployment)}
        />
      )}
    </div>
  );
}

/** Shown while no node is selected: what the tab does, and the nodes to pick from. */
function NodeChooser({
  nodes,
  onSelectNode,
  counts,
}: {
  nodes: readonly DrawerNode[];
  onSelectNode: (nodeId: string) => void;
  counts: Readonly<Record<string, { recordsOut: number }>> | null;
}) {
  return (
    <div className="flex min-h-0 flex-1 flex-col items-center justify-center gap-3 overflow-y-auto px-6 py-4 text-center" data-testid="samples-choose-node">
      <p className="flex items-center gap-2 text-sm text-slate-600">
        <MousePointerClick className="size-4 text-indigo-500" aria-hidden="true" />
        Select a node on the canvas to see the records going in and out of it.
      </p>
      {nodes.length > 0 && (
        <ul className="flex max-w-3xl flex-wrap justify-center gap-1.5">
          {nodes.map((node) => {
            const Icon = nodeTypeIcons[node.type];
            const count = counts?.[node.id]?.recordsOut;
            return (
              <li key={node.id}>
                <button
                  type="button"
                  onClick={() => onSelectNode(node.id)}
                  className="flex h-7 items-center gap-1.5 rounded-full border border-slate-200 bg-white pr-2.5 pl-1 text-xs text-slate-700 hover:border-slate-300 hover:bg-slate-50"
                >
                  <span className={clsx("flex size-5 items-center justify-center rounded-full", categoryStyles[nodeTypes[node.type].category].iconTile)} aria-hidden="true">
                    <Icon className="size-3" />
                  </span>
                  {node.title}
                  {count !== undefined && <span className="text-slate-500 tabular-nums">{formatNumber(count)} out</span>}
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}

/** The preview's failures in this node, in one line above its records. */
function NodeFailures({ failures, onShowFailures }: { failures: readonly { code: string; detail?: string; message: string }[]; onShowFailures: () => void }) {
  if (failures.length === 0) return null;
  const first = failures[0]!;
  return (
    <div role="status" className="flex shrink-0 items-center gap-2 border-b border-red-200 bg-red-50 px-3 py-1.5 text-xs text-red-800" data-testid="node-preview-failures">
      <CircleAlert className="size-3.5 shrink-0 text-red-600" aria-hidden="true" />
      <p className="min-w-0 flex-1 truncate">
        <span className="font-semibold">
          {failures.length} {failures.length === 1 ? "record" : "records"} failed here
        </span>{" "}
        · <span className="font-mono">{first.detail ?? first.code}</span> {first.message}
      </p>
      <button type="button" className="shrink-0 font-medium text-red-700 hover:underline" onClick={onShowFailures}>
        See all failures
      </button>
    </div>
  );
}

function describeTopics(topics: readonly string[]): string {
  const unique = [...new Set(topics)];
  if (unique.length === 0) return "no topic";
  return unique.length === 1 ? unique[0]! : `${unique.length} topics`;
}

function liveEmptyText(deployment: DeploymentView | null): string | undefined {
  if (deployment === null) return "Deploy the pipeline to see its records live, or run Preview to try the draft on the latest records.";
  if (deployment.desiredState !== "running") return "The pipeline is stopped. Deploy it to see records live, or run Preview.";
  return undefined;
}
