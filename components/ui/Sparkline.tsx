import clsx from "clsx";
import { useId } from "react";

type SparklineProps = {
  /** The values, oldest first, evenly spaced in time (e.g. a rate per second). */
  values: readonly number[];
  /** Read by screen readers in place of the drawing, e.g. "Records per second, last 15 minutes". */
  label: string;
  width?: number;
  height?: number;
  /** The line colour (any CSS colour, `var()` included); the accent by default, which follows the theme. */
  color?: string;
  className?: string;
};

/**
 * A tiny line with a faint area under it and a dot on the latest value, for table cells.
 * Plain SVG: a dashboard with fifty rows draws fifty of these every second. Colours go through
 * `style` so CSS variables (the theme's palette) resolve in them.
 * Fewer than two values draw a dashed baseline, so an idle row keeps its shape.
 */
export function Sparkline({ values, label, width = 80, height = 24, color = "var(--color-indigo-600)", className }: SparklineProps) {
  // useId's punctuation is not valid inside url(#…).
  const gradientId = `sparkline-${useId().replace(/[^\w-]/g, "")}`;
  const inset = 2;
  // Scaled to its own maximum: a sparkline shows the shape of a trend, the figure beside it the size.
  const top = Math.max(0, ...values);

  if (values.length < 2) {
    return (
      <svg width={width} height={height} role="img" aria-label={`${label}: no data`} className={clsx("shrink-0", className)}>
        <line x1={0} x2={width} y1={height - inset} y2={height - inset} style={{ stroke: "var(--color-slate-300)" }} strokeDasharray="2 3" />
      </svg>
    );
  }

  const x = (index: number) => (index / (values.length - 1)) * (width - inset * 2) + inset;
  const y = (value: number) => (top > 0 ? height - inset - (Math.min(value, top) / top) * (height - inset * 2) : height - inset);
  const line = values.map((value, index) => `${index === 0 ? "M" : "L"}${x(index).toFixed(1)},${y(value).toFixed(1)}`).join("");
  const area = `${line}L${x(values.length - 1).toFixed(1)},${height}L${x(0).toFixed(1)},${height}Z`;
  const last = values.at(-1)!;

  return (
    <svg width={width} height={height} role="img" aria-label={label} className={clsx("shrink-0 overflow-visible", className)}>
      <defs>
        <linearGradient id={gradientId} x1="0" x2="0" y1="0" y2="1">
          <stop offset="0%" style={{ stopColor: color }} stopOpacity={0.22} />
          <stop offset="100%" style={{ stopColor: color }} stopOpacity={0} />
        </linearGradient>
      </defs>
      <path d={area} fill={`url(#${gradientId})`} />
      <path d={line} fill="none" style={{ stroke: color }} strokeWidth={1.5} strokeLinejoin="round" strokeLinecap="round" />
      <circle cx={x(values.length - 1)} cy={y(last)} r={2} style={{ fill: color }} />
    </svg>
  );
}
