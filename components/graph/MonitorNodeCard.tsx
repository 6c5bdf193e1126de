"use client";

import { Handle, Position, type Node, type NodeProps } from "@xyflow/react";
import clsx from "clsx";
import { memo } from "react";
import { nodeTypes, portsOf } from "@/engine/graph";
import { categoryStyles } from "./node-appearance";
import { NodeIconTile } from "./NodeIconTile";
import { DisabledBadge } from "./DisabledBadge";
import { formatNumber, formatPercent, formatRate } from "@/lib/client/format-live";
import { useNodeRuntime, type NodeLiveView } from "./canvas-runtime";
import type { MonitoredNode, NodeHealth } from "./monitored-graph";

export type MonitorNodeData = {
  node: MonitoredNode;
  summary: string;
  /** The deployed document's flag: the node passes records through (or, a sink, writes nothing). */
  disabled?: boolean;
};

export type MonitorFlowNode = Node<MonitorNodeData, "monitor">;

const healthRing: Record<NodeHealth, string> = {
  idle: "border-slate-200",
  flowing: "border-slate-200",
  busy: "border-amber-400 ring-2 ring-amber-400/30",
  lagging: "border-amber-400 ring-2 ring-amber-400/30",
  failing: "border-red-400 ring-2 ring-red-500/25",
};

/**
 * A node of the graph in monitor mode: the editor card's look (stripe, icon, title, summary)
 * with its numbers inside (rates in and out, errors) and a busy bar along its foot, read
 * from `CanvasRuntimeContext` like the editing card's live line. Amber when busy above 80%
 * or its lag grows, red while its errors rise; dashes while nothing reports.
 */
export const MonitorNodeCard = memo(function MonitorNodeCard({ id, data, selected }: NodeProps<MonitorFlowNode>) {
  const { node, summary, disabled } = data;
  const live = useNodeRuntime(id).live ?? null;
  const rate = live?.rate ?? null;
  const health: NodeHealth = live?.health ?? "idle";
  const description = nodeTypes[node.type];
  const style = categoryStyles[description.category];
  const ports = portsOf(node.type, node.data);
  const namedInputs = ports.inputs.filter((port) => port.handle !== null);
  const namedOutputs = ports.outputs.filter((port) => port.handle !== null);

  return (
    <div
      data-testid="live-node"
      data-node-id={id}
      data-health={health}
      data-disabled={disabled || undefined}
      className={clsx(
        "relative w-[216px] overflow-hidden rounded-lg border text-left shadow-sm transition-[border-color,box-shadow]",
        disabled ? "border-dashed bg-slate-50" : "bg-white",
        selected ? "border-indigo-500 ring-2 ring-indigo-500/25" : healthRing[health],
      )}
    >
      <span className={clsx("absolute inset-y-0 left-0 w-1", style.stripe)} aria-hidden="true" />
      <div className="flex items-center gap-2.5 pt-2.5 pr-2.5 pl-3.5">
        <NodeIconTile type={node.type} />
        <div className="min-w-0 flex-1">
          <div className="flex items-center gap-1.5">
            <div className="min-w-0 truncate text-[13px] leading-5 font-medium text-slate-900">{node.title}</div>
            {disabled && <DisabledBadge type={node.type} />}
          </div>
          <div className="truncate font-mono text-[11px] leading-4 text-slate-500" title={summary}>
            {summary}
          </div>
        </div>
        <HealthBadge health={health} live={live} />
      </div>

      {(namedInputs.length > 0 || namedOutputs.length > 0) && (
        <div className="mt-1.5 flex flex-col gap-0.5">
          {namedInputs.map((port) => (
            <div key={`in:${port.handle}`} className="relative flex h-4 items-center pl-3.5 text-[10px] text-slate-500">
              <Handle type="target" position={Position.Left} id={port.handle!} isConnectable={false} />
              {port.label}
            </div>
          ))}
          {namedOutputs.map((port) => (
            <div key={`out:${port.handle}`} className="relative flex h-4 items-center justify-end pr-3.5 text-[10px] text-slate-500">
              {port.label}
              <Handle type="source" position={Position.Right} id={port.handle!} isConnectable={false} />
            </div>
          ))}
        </div>
      )}

      <dl className="mt-2 grid grid-cols-[1fr_1fr_auto] gap-x-2 border-t border-slate-100 py-1.5 pr-3 pl-3.5 text-[11px] leading-4 tabular-nums" data-testid="live-node-numbers">
        <div className="flex min-w-0 gap-1">
          <dt className="text-slate-500">in</dt>
          <dd className="truncate text-slate-700" data-testid="live-rate-in">{rate ? formatRate(rate.in) : "—"}</dd>
        </div>
        <div className="flex min-w-0 gap-1">
          <dt className="text-slate-500">out</dt>
          <dd className="truncate text-slate-700" data-testid="live-rate-out">{rate ? formatRate(rate.out) : "—"}</dd>
        </div>
        <div className="flex gap-1">
          <dt className="text-slate-500">err</dt>
          <dd className={clsx("min-w-5 text-right", live && live.errors > 0 ? "font-semibold text-red-600" : "text-slate-700")} data-testid="live-errors">
            {live ? formatNumber(live.errors) : "—"}
          </dd>
        </div>
      </dl>
      <span
        className={clsx("absolute bottom-0 left-1 h-0.5 transition-[width]", health === "busy" ? "bg-amber-500" : "bg-indigo-400/70")}
        style={{ width: `calc((100% - 4px) * ${Math.min(1, live?.busy ?? 0)})` }}
        aria-hidden="true"
      />

      {ports.inputs.length === 1 && namedInputs.length === 0 && <Handle type="target" position={Position.Left} isConnectable={false} />}
      {ports.outputs.length === 1 && namedOutputs.length === 0 && <Handle type="source" position={Position.Right} isConnectable={false} />}
    </div>
  );
});

function HealthBadge({ health, live }: { health: NodeHealth; live: NodeLiveView | null }) {
  if (health === "failing" && live) {
    return (
      <span className="self-start rounded-full bg-red-600 px-1.5 text-[10px] leading-4 font-semibold text-white" title="Errors rose in the last 30 seconds">
        errors
      </span>
    );
  }
  if (health === "busy" && live) {
    return (
      <span className="self-start rounded-full bg-amber-100 px-1.5 text-[10px] leading-4 font-semibold text-amber-800" title="Busy more than 80% of the time: it may hold the pipeline back">
        busy {formatPercent(live.busy)}
      </span>
    );
  }
  if (health === "lagging") {
    return (
      <span className="self-start rounded-full bg-amber-100 px-1.5 text-[10px] leading-4 font-semibold text-amber-800" title="The lag of its partitions is growing">
        lag ↑
      </span>
    );
  }
  return null;
}
