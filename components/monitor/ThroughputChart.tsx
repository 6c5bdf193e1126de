"use client";

import { memo, useMemo, useState } from "react";
import type { LivePoint } from "@/lib/client/use-live-telemetry";
import { ChartCard } from "./ChartCard";
import { formatRate } from "@/lib/client/format-live";
import { bucketRows, rowsInDomain, seriesKey, toChartRows } from "./chart-rows";
import type { MonitoredNode } from "@/components/graph/monitored-graph";
import { SegmentedControl } from "@/components/ui/SegmentedControl";
import { TimeSeriesChart } from "./TimeSeriesChart";
import { windowedRates } from "@/components/graph/windowed-rates";

type Direction = "in" | "out";

type ThroughputChartProps = {
  history: readonly LivePoint[];
  nodes: readonly MonitoredNode[];
  domain: [number, number];
  /** What the empty chart says; by default it asks for a deploy. */
  emptyText?: string;
  syncId?: string;
};

const directions = [
  { value: "out", label: "Out" },
  { value: "in", label: "In" },
] as const;

/**
 * Records per second of every node over the picked time range, out (emitted; for a sink,
 * written to Kafka) or in (received; for a source, read from Kafka).
 */
export const ThroughputChart = memo(function ThroughputChart({ history, nodes, domain, emptyText, syncId }: ThroughputChartProps) {
  const [direction, setDirection] = useState<Direction>("out");
  const rates = useMemo(() => windowedRates(history), [history]);
  const rows = useMemo(
    () =>
      rowsInDomain(
        bucketRows(
        toChartRows(history, (_point, at) =>
          Object.fromEntries(nodes.map((node, index) => [seriesKey(index), rates[at]![node.id]?.[direction] ?? null])),
        ),
          "mean",
        ),
        domain,
      ),
    [history, rates, nodes, direction, domain],
  );
  const series = nodes.map((node, index) => ({ key: seriesKey(index), name: node.title, color: node.color }));
  return (
    <ChartCard
      title="Throughput"
      description={direction === "out" ? "Records emitted per second, per node (5 s average)" : "Records received per second, per node (5 s average)"}
      toolbar={<SegmentedControl label="Throughput direction" options={directions} value={direction} onChange={setDirection} />}
      legend={series}
      empty={rows.length === 0}
      emptyText={emptyText ?? "No data yet: deploy the pipeline to see records per second here."}
      data-testid="throughput-chart"
    >
      <TimeSeriesChart rows={rows} series={series} domain={domain} format={(value) => formatRate(value)} syncId={syncId} />
    </ChartCard>
  );
});
