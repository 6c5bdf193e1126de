"use client";

import { Area, CartesianGrid, ComposedChart, Line, Tooltip, XAxis, YAxis } from "recharts";
import { tickStep, timeTicks, type ChartRow } from "./chart-rows";
import { ChartTooltip } from "./ChartTooltip";
import { formatClock, formatClockSeconds } from "@/lib/client/format-live";

export type ChartSeries = {
  key: string;
  name: string;
  color: string;
  /** Drawn as a filled, stacked area instead of a line, e.g. lag per partition adding up to the total. */
  stacked?: boolean;
  dashed?: boolean;
};

type TimeSeriesChartProps = {
  rows: readonly ChartRow[];
  series: readonly ChartSeries[];
  /** The shared time range (chart-rows' timeDomain). */
  domain: [number, number];
  /** The top of the y axis when outliers are clipped (chart-rows' clippedAxis); absent: scaled to the data. */
  yTop?: number;
  /** Formats values on the y axis and in the tooltip. */
  format: (value: number) => string;
  /** Shows a total row in the tooltip, for series that add up. */
  totalLabel?: string;
  /** Charts with the same id share the hover position, so one moment reads across all of them. */
  syncId?: string;
};

// The palette's variables, not hex: under `.dark` app/dark-palette.css turns the slate scale over,
// so grid, axes and ticks stay quiet but readable on either surface (e2e/monitor-charts.spec.ts).
const axisTick = { fontSize: 11, fill: "var(--color-slate-500)" };
const axisLine = { stroke: "var(--color-slate-300)" };
const cursor = { stroke: "var(--color-slate-400)", strokeDasharray: "3 3" };

/**
 * The monitor's time chart: the picked time range on a clock axis (seconds shown when the
 * range is short), lines or stacked areas, and a tabular tooltip. Missing values break
 * the lines (no bridging across a gap). Animation is off: a chart that eases to every new point each
 * second never stands still.
 */
export function TimeSeriesChart({ rows, series, domain, yTop, format, totalLabel, syncId }: TimeSeriesChartProps) {
  const withSeconds = tickStep(domain) < 60_000;
  return (
    <ComposedChart
      responsive
      data={rows as ChartRow[]}
      syncId={syncId}
      syncMethod="value"
      margin={{ top: 4, right: 12, bottom: 0, left: 0 }}
      style={{ width: "100%", height: "100%" }}
    >
      <CartesianGrid stroke="var(--color-slate-200)" strokeDasharray="3 3" vertical={false} />
      <XAxis
        dataKey="at"
        type="number"
        scale="time"
        domain={domain}
        ticks={timeTicks(domain)}
        tickFormatter={withSeconds ? formatClockSeconds : formatClock}
        allowDataOverflow
        tick={axisTick}
        tickLine={false}
        axisLine={axisLine}
        height={22}
      />
      <YAxis
        tickFormatter={(value: number) => format(value)}
        tick={axisTick}
        tickLine={false}
        axisLine={false}
        width={56}
        domain={yTop === undefined ? [0, "auto"] : [0, yTop]}
        allowDataOverflow={yTop !== undefined}
      />
      <Tooltip
        isAnimationActive={false}
        cursor={cursor}
        content={({ active, payload, label }) => (
          <ChartTooltip
            active={active}
            payload={payload}
            label={label}
            format={format}
            footer={totalLabel ? (values) => ({ name: totalLabel, value: format(values.reduce((sum, row) => sum + row.value, 0)) }) : undefined}
          />
        )}
      />
      {series.map((entry) =>
        entry.stacked ? (
          <Area
            key={entry.key}
            dataKey={entry.key}
            name={entry.name}
            stackId="stack"
            type="monotone"
            stroke={entry.color}
            fill={entry.color}
            fillOpacity={0.18}
            strokeWidth={1.5}
            isAnimationActive={false}
            connectNulls={false}
            dot={false}
            activeDot={{ r: 3 }}
          />
        ) : (
          <Line
            key={entry.key}
            dataKey={entry.key}
            name={entry.name}
            type="monotone"
            stroke={entry.color}
            strokeWidth={1.5}
            strokeDasharray={entry.dashed ? "4 3" : undefined}
            isAnimationActive={false}
            connectNulls={false}
            dot={false}
            activeDot={{ r: 3 }}
          />
        ),
      )}
    </ComposedChart>
  );
}
