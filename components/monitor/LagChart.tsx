"use client";

import { memo, useMemo } from "react";
import type { LivePoint } from "@/lib/client/use-live-telemetry";
import { ChartCard } from "./ChartCard";
import { bucketRows, rowsInDomain, seriesKey, toChartRows } from "./chart-rows";
import { formatNumber } from "@/lib/client/format-live";
import { seriesColors } from "@/components/graph/monitored-graph";
import type { ChartSeries } from "./TimeSeriesChart";
import { TimeSeriesChart } from "./TimeSeriesChart";

type LagChartProps = {
  history: readonly LivePoint[];
  domain: [number, number];
  emptyText?: string;
  syncId?: string;
};

/**
 * Consumer lag of every source partition over the picked time range, stacked so the top
 * edge is the total: records produced that the pipeline has not committed yet.
 */
export const LagChart = memo(function LagChart({ history, domain, emptyText, syncId }: LagChartProps) {
  const { rows, series } = useMemo(() => {
    const keys = new Map<string, { topic: string; partition: number }>();
    for (const point of history) for (const lag of point.lag) keys.set(partitionKey(lag.topic, lag.partition), lag);
    const ordered = [...keys.entries()].sort(([, a], [, b]) => a.topic.localeCompare(b.topic) || a.partition - b.partition);
    const topics = new Set(ordered.map(([, lag]) => lag.topic));
    const columns = new Map(ordered.map(([key], index) => [key, index]));
    const series: ChartSeries[] = ordered.map(([, lag], index) => ({
      key: seriesKey(index),
      // One topic needs only partition numbers; several need the topic to tell them apart.
      name: topics.size > 1 ? `${lag.topic} [${lag.partition}]` : `partition ${lag.partition}`,
      color: seriesColors[index % seriesColors.length]!,
      stacked: true,
    }));
    const rows = bucketRows(
      toChartRows(history, (point) => {
        const values: Record<string, number | null> = {};
        for (const lag of point.lag) values[seriesKey(columns.get(partitionKey(lag.topic, lag.partition))!)] = Math.max(0, lag.lag);
        return values;
      }),
      "max",
    );
    return { rows: rowsInDomain(rows, domain), series };
  }, [history, domain]);
  const topics = [...new Set(history.at(-1)?.lag.map((lag) => lag.topic) ?? [])];
  return (
    <ChartCard
      title="Consumer lag"
      description={topics.length > 0 ? `Records behind, per partition of ${topics.join(", ")}` : "Records behind, per source partition"}
      legend={series}
      empty={series.length === 0}
      emptyText={emptyText ?? "No data yet: deploy the pipeline to see how far behind its sources it is."}
      data-testid="lag-chart"
    >
      <TimeSeriesChart rows={rows} series={series} domain={domain} format={formatNumber} totalLabel="Total" syncId={syncId} />
    </ChartCard>
  );
});

function partitionKey(topic: string, partition: number): string {
  return `${topic}\u0000${partition}`;
}
