"use client";

import clsx from "clsx";
import { memo, useMemo } from "react";
import { nodeTypes } from "@/engine/graph";
import type { LivePoint } from "@/lib/client/use-live-telemetry";
import { nodeTypeIcons } from "@/components/graph/node-appearance";
import { formatBytes, formatDuration, formatLag, formatNumber, formatPercent, formatRate } from "@/lib/client/format-live";
import type { MonitoredNode } from "@/components/graph/monitored-graph";
import { Sparkline } from "@/components/ui/Sparkline";
import { windowedRates } from "@/components/graph/windowed-rates";

type NodeMetricsTableProps = {
  nodes: readonly MonitoredNode[];
  history: readonly LivePoint[];
  /** The node whose samples are open, highlighted. */
  selectedId?: string | null;
  /** Clicking a row opens that node's samples. */
  onSelect?: (nodeId: string) => void;
  /** The latest report is old (the pipeline stopped): figures are greyed as past values. */
  stale?: boolean;
};

/** How many seconds of rate the sparklines show: enough to see a trend, short enough to react. */
const sparklineSeconds = 120;

/**
 * One row per node, in flow order: rates in and out over the last 5 s (with two minutes
 * of the out rate), errors, busy share, processing latency and state size. Figures are
 * tabular and cells fixed-width, so the table stands still while numbers change.
 */
export const NodeMetricsTable = memo(function NodeMetricsTable({ nodes, history, selectedId, onSelect, stale = false }: NodeMetricsTableProps) {
  const latest = history.at(-1) ?? null;
  const rates = useMemo(() => windowedRates(history.slice(-sparklineSeconds - 5)).slice(-sparklineSeconds), [history]);
  const now = rates.at(-1) ?? {};
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="w-full min-w-[1000px] table-fixed text-[13px]" data-testid="node-metrics-table">
        <caption className="sr-only">Live metrics per node</caption>
        <colgroup>
          <col />
          <col className="w-24" />
          <col className="w-44" />
          <col className="w-20" />
          <col className="w-20" />
          <col className="w-20" />
          <col className="w-32" />
          <col className="w-24" />
          <col className="w-24" />
          <col className="w-36" />
        </colgroup>
        <thead>
          <tr className="border-b border-slate-200 text-left text-[11px] font-medium tracking-wide text-slate-500 uppercase">
            <th scope="col" className="py-2 pl-4 font-medium">Node</th>
            <Numeric>In</Numeric>
            <Numeric>Out</Numeric>
            <Numeric>Errors</Numeric>
            <Numeric title="Records dead-lettered as late: they arrived after the watermark had closed their window">Late</Numeric>
            <Numeric title="Watermark lag: how far the node's event time trails the wall clock">WM lag</Numeric>
            <Numeric>Busy</Numeric>
            <Numeric title="Processing time per record, median">p50</Numeric>
            <Numeric title="Processing time per record, 99th percentile">p99</Numeric>
            <Numeric className="pr-4">State</Numeric>
          </tr>
        </thead>
        <tbody className={clsx(stale && "opacity-60")} title={stale ? "Last reported values; the pipeline is not reporting now" : undefined}>
          {nodes.map((node) => {
            const live = latest?.nodes[node.id];
            const Icon = nodeTypeIcons[node.type];
            const selected = node.id === selectedId;
            return (
              <tr
                key={node.id}
                data-node-id={node.id}
                onClick={() => onSelect?.(node.id)}
                className={clsx(
                  "border-b border-slate-100 last:border-b-0",
                  onSelect && "cursor-pointer",
                  selected ? "bg-indigo-50/70" : "hover:bg-slate-50",
                )}
              >
                <th scope="row" className="py-2 pl-4 text-left font-normal">
                  <button
                    type="button"
                    onClick={(event) => {
                      event.stopPropagation();
                      onSelect?.(node.id);
                    }}
                    className="flex max-w-full min-w-0 items-center gap-2 rounded text-left"
                    title={`Show the records of ${node.title}`}
                    aria-current={selected ? "true" : undefined}
                  >
                    <span className="h-4 w-1 shrink-0 rounded-full" style={{ background: node.color }} aria-hidden="true" />
                    <Icon className="size-3.5 shrink-0 text-slate-500" aria-hidden="true" />
                    <span className="truncate font-medium text-slate-900">{node.title}</span>
                    <span className="truncate text-xs text-slate-500">{nodeTypes[node.type]?.label}</span>
                  </button>
                </th>
                <td className="py-2 text-right text-slate-700 tabular-nums">{live ? formatRate(now[node.id]?.in) : "—"}</td>
                <td className="py-2 tabular-nums">
                  <span className="flex items-center justify-end gap-2 text-right text-slate-700">
                    <Sparkline
                      values={rates.map((rate) => rate[node.id]?.out ?? 0)}
                      label={`${node.title}: records out per second, last two minutes`}
                      width={64}
                      height={18}
                      color={node.color}
                    />
                    <span className="w-16">{live ? formatRate(now[node.id]?.out) : "—"}</span>
                  </span>
                </td>
                <td className={clsx("py-2 text-right tabular-nums", live && live.errors > 0 ? "font-medium text-red-600" : "text-slate-700")}>
                  {live ? formatNumber(live.errors) : "—"}
                </td>
                <td
                  className={clsx("py-2 text-right tabular-nums", live?.lateRecords ? "font-medium text-amber-700" : "text-slate-700")}
                  data-testid={`late-records-${node.id}`}
                >
                  {live?.lateRecords === undefined ? <span className="text-slate-500">—</span> : formatNumber(live.lateRecords)}
                </td>
                <td className="py-2 text-right text-slate-700 tabular-nums">
                  {live?.watermark === undefined || latest === null ? (
                    <span className="text-slate-500">—</span>
                  ) : (
                    formatLag(live.watermark === null ? null : Math.max(0, latest.at - live.watermark))
                  )}
                </td>
                <td className="py-2 text-right tabular-nums">
                  {live ? <BusyMeter share={live.busy} /> : <span className="text-slate-500">—</span>}
                </td>
                <td className="py-2 text-right text-slate-700 tabular-nums">{formatDuration(live?.latencyP50Ms)}</td>
                <td className="py-2 text-right text-slate-700 tabular-nums">{formatDuration(live?.latencyP99Ms)}</td>
                <td className="py-2 pr-4 text-right text-slate-700 tabular-nums">
                  {live?.stateKeys === undefined ? (
                    <span className="text-slate-500">—</span>
                  ) : (
                    <span title={`${live.stateKeys} keys, ${live.stateBytes ?? 0} bytes`}>
                      {formatNumber(live.stateKeys)} keys · {formatBytes(live.stateBytes)}
                    </span>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
});

function Numeric({ children, title, className }: { children: string; title?: string; className?: string }) {
  return (
    <th scope="col" title={title} className={clsx("py-2 text-right font-medium", className)}>
      {children}
    </th>
  );
}

/** The busy share as a short bar and a percentage; amber above 80%, where Flink calls an operator backpressured. */
function BusyMeter({ share }: { share: number }) {
  const hot = share > 0.8;
  return (
    <span className="inline-flex items-center justify-end gap-2" title={`Busy ${formatPercent(share)} of the last interval`}>
      <span className="h-1.5 w-12 overflow-hidden rounded-full bg-slate-100" aria-hidden="true">
        <span className={clsx("block h-full rounded-full", hot ? "bg-amber-500" : "bg-slate-400")} style={{ width: `${Math.min(1, share) * 100}%` }} />
      </span>
      <span className={clsx("w-9", hot ? "font-medium text-amber-700" : "text-slate-700")}>{formatPercent(share)}</span>
    </span>
  );
}
