"use client";

import { Handle, Position, type NodeProps } from "@xyflow/react";
import clsx from "clsx";
import { memo } from "react";
import { nodeTypes, portsOf } from "@/engine/graph";
import { pinnedSchemaKey } from "@/engine/schema/pinned-schema";
import type { NodeHealth } from "./monitored-graph";
import { useNodeRuntime } from "./canvas-runtime";
import { DisabledBadge, disabledMeaning } from "./DisabledBadge";
import { useNodeDisabled } from "./disabled-nodes-context";
import type { PipelineFlowNode } from "./flow-types";
import { categoryStyles } from "./node-appearance";
import { NodeIconTile } from "./NodeIconTile";
import { NodeLiveLine } from "./NodeLiveLine";
import { NodePreviewBadge } from "./NodePreviewBadge";
import { useNodeProblems } from "./problems-context";
import { safeSummary } from "./safe-summary";
import { SourceSchemaStrip } from "./SourceSchemaStrip";

/** Flink's habit: a node holding the pipeline back is outlined amber, one whose errors rise red. An outline leaves the selection ring free. */
const healthOutline: Partial<Record<NodeHealth, string>> = {
  busy: "outline-2 outline-offset-2 outline-amber-400",
  lagging: "outline-2 outline-offset-2 outline-amber-400",
  failing: "outline-2 outline-offset-2 outline-red-500",
};

const healthTitle: Partial<Record<NodeHealth, string>> = {
  busy: "Busy more than 80% of the time: it may hold the pipeline back",
  lagging: "The lag of its partitions is growing",
  failing: "Errors rose in the last 30 seconds",
};

/**
 * The card drawn for every node type: category stripe and icon, title, type and id,
 * a one-line summary of the configuration, and its ports, read from the operator's description:
 * named inputs (a join's left and right) and named outputs (a route's) are labelled handles.
 * While deployed a live line hangs under it and trouble outlines it; after a preview a
 * badge on its top edge gives the records in and out. A disabled node is drawn faded, dashed
 * and struck through, with a "Disabled" badge.
 */
export const PipelineNodeCard = memo(function PipelineNodeCard({ id, type, data, selected, isConnectable }: NodeProps<PipelineFlowNode>) {
  const description = nodeTypes[type];
  const style = categoryStyles[description.category];
  const problems = useNodeProblems(id);
  const runtime = useNodeRuntime(id);
  const disabled = useNodeDisabled(id);
  const health = runtime.live?.health;
  const label = typeof data.label === "string" && data.label.trim() ? data.label.trim() : null;
  const summary = safeSummary(type, data);
  const ports = portsOf(type, data);
  const namedInputs = ports.inputs.filter((port) => port.handle !== null);
  const namedOutputs = ports.outputs.filter((port) => port.handle !== null);

  return (
    <div
      data-testid={`node-${type}`}
      data-health={health}
      data-disabled={disabled || undefined}
      title={health ? healthTitle[health] : disabled ? disabledMeaning(type) : undefined}
      className={clsx(
        "relative w-[216px] rounded-lg border text-left shadow-sm transition-shadow",
        // Faded by its surface, border and icon rather than by opacity, so its text keeps its contrast.
        disabled ? "border-dashed bg-slate-50" : "bg-white",
        selected ? "border-indigo-500 ring-2 ring-indigo-500/25" : disabled ? "border-slate-400 hover:shadow-md" : "border-slate-200 hover:shadow-md",
        health && healthOutline[health],
      )}
    >
      <span className={clsx("absolute inset-y-0 left-0 w-1 rounded-l-lg", style.stripe, disabled && "opacity-30")} aria-hidden="true" />
      <div className="flex items-center gap-2.5 pt-2.5 pr-2.5 pl-3.5">
        <span className={clsx("contents", disabled && "[&>*]:opacity-40 [&>*]:grayscale")}>
          <NodeIconTile type={type} />
        </span>
        <div className="min-w-0 flex-1">
          <div className="truncate text-[13px] leading-5 font-medium text-slate-900" data-testid="node-title">
            {label ?? description.label}
          </div>
          {/* A titled node names its type here; an untitled one already shows it as the title, so its id goes here instead. */}
          <div className="truncate text-[11px] leading-4 text-slate-500" title={`${description.label} · ${id}`}>
            {label ? description.label : <span className="font-mono">{id}</span>}
          </div>
        </div>
        {disabled && <DisabledBadge type={type} />}
        {problems.length > 0 && (
          <span
            data-testid="node-problem-marker"
            title={problems.map((problem) => problem.message).join("\n")}
            aria-label={`${problems.length} ${problems.length === 1 ? "problem" : "problems"}`}
            className="flex h-5 min-w-5 shrink-0 items-center justify-center self-start rounded-full bg-red-600 px-1.5 text-[11px] font-semibold text-white"
          >
            {problems.length}
          </span>
        )}
      </div>
      {/* Two lines are always reserved so cards in a row share a height and their edges run straight. */}
      <div className="min-h-12 pt-1.5 pr-3 pb-2.5 pl-3.5">
        <p className={clsx("line-clamp-2 font-mono text-[11.5px] leading-4 break-words text-slate-600", disabled && "line-through")} title={summary} data-testid="node-summary">
          {summary}
        </p>
      </div>

      {description.category === "source" && <SourceSchemaStrip nodeId={id} pinned={data[pinnedSchemaKey] !== undefined} />}

      {ports.inputs.length === 1 && namedInputs.length === 0 && (
        // Handles are plain divs (no role), where aria-label is not allowed: the name is text for screen readers.
        <Handle type="target" position={Position.Left} isConnectable={isConnectable}>
          <span className="sr-only">{ports.manyInputs ? "Inputs" : "Input"}</span>
        </Handle>
      )}
      {namedInputs.length > 0 && (
        <div className="flex flex-col gap-0.5 border-t border-slate-100 pt-1 pb-1.5">
          {namedInputs.map((port) => (
            <div key={port.handle} className="relative flex h-5 items-center pl-3.5 text-[11px] text-slate-500">
              <Handle type="target" position={Position.Left} id={port.handle!} isConnectable={isConnectable} />
              {port.label}
            </div>
          ))}
        </div>
      )}
      {namedOutputs.length > 0 && (
        <div className="flex flex-col gap-0.5 border-t border-slate-100 pt-1 pb-1.5" data-testid="node-outputs">
          {namedOutputs.map((port) => (
            <div key={port.handle} className="relative flex h-5 items-center justify-end pr-3.5 text-[11px] text-slate-500">
              {port.label}
              <Handle type="source" position={Position.Right} id={port.handle!} isConnectable={isConnectable} data-testid={`output-${port.handle}`} />
            </div>
          ))}
        </div>
      )}
      {ports.outputs.length === 1 && namedOutputs.length === 0 && (
        <Handle type="source" position={Position.Right} isConnectable={isConnectable}>
          <span className="sr-only">Output</span>
        </Handle>
      )}
      {runtime.preview && <NodePreviewBadge nodeId={id} preview={runtime.preview} stale={runtime.previewStale} />}
      {runtime.live !== undefined && <NodeLiveLine nodeId={id} live={runtime.live} />}
    </div>
  );
});
