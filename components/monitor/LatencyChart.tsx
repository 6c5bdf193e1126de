"use client";

import { memo, useMemo, useState } from "react";
import type { LivePoint } from "@/lib/client/use-live-telemetry";
import { ChartCard } from "./ChartCard";
import { bucketRows, clippedAxis, rowsInDomain, seriesKey, toChartRows } from "./chart-rows";
import { formatDuration } from "@/lib/client/format-live";
import type { MonitoredNode } from "@/components/graph/monitored-graph";
import { SegmentedControl } from "@/components/ui/SegmentedControl";
import type { ChartSeries } from "./TimeSeriesChart";
import { TimeSeriesChart } from "./TimeSeriesChart";

type View = "end-to-end" | "nodes";

type LatencyChartProps = {
  history: readonly LivePoint[];
  nodes: readonly MonitoredNode[];
  domain: [number, number];
  emptyText?: string;
  syncId?: string;
};

const views = [
  { value: "end-to-end", label: "End-to-end" },
  { value: "nodes", label: "Per node" },
] as const;

const endToEndSeries: ChartSeries[] = [
  { key: "p50", name: "p50", color: "var(--color-indigo-600)" },
  { key: "p99", name: "p99", color: "var(--color-indigo-400)", dashed: true },
];

/**
 * Latency over the picked time range: end-to-end (record timestamp to sink write, p50 and
 * p99), or the p99 processing time per record in each node. The two differ by orders of
 * magnitude, so they get separate views rather than one axis. The y axis is clipped above
 * outliers (clippedAxis: a first batch of old records measured at 40 s must not flatten
 * the milliseconds after it); the description then names the clipped peak.
 */
export const LatencyChart = memo(function LatencyChart({ history, nodes, domain, emptyText, syncId }: LatencyChartProps) {
  const [view, setView] = useState<View>("end-to-end");
  const rows = useMemo(
    () =>
      rowsInDomain(
        bucketRows(
        toChartRows(history, (point) =>
          view === "end-to-end"
            ? { p50: point.endToEndP50Ms, p99: point.endToEndP99Ms }
            : Object.fromEntries(nodes.map((node, index) => [seriesKey(index), point.nodes[node.id]?.latencyP99Ms ?? null])),
        ),
          "max",
        ),
        domain,
      ),
    [history, nodes, view, domain],
  );
  const series: ChartSeries[] = view === "end-to-end" ? endToEndSeries : nodes.map((node, index) => ({ key: seriesKey(index), name: node.title, color: node.color }));
  const axis = clippedAxis(rows, series.map((entry) => entry.key));
  const measured = view === "end-to-end" ? "Record time to sink write" : "Processing time per record in each node, p99";
  return (
    <ChartCard
      title="Latency"
      description={measured}
      note={axis?.clipped ? `axis clipped at ${formatDuration(axis.top)}, peak ${formatDuration(axis.peak)}` : undefined}
      toolbar={<SegmentedControl label="Latency view" options={views} value={view} onChange={setView} />}
      legend={series}
      empty={rows.length === 0}
      emptyText={emptyText ?? "No data yet: deploy the pipeline to see its latency here."}
      data-testid="latency-chart"
    >
      <TimeSeriesChart rows={rows} series={series} domain={domain} yTop={axis?.clipped ? axis.top * 1.1 : undefined} format={formatDuration} syncId={syncId} />
    </ChartCard>
  );
});
