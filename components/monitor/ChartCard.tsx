import { ChartNoAxesCombined } from "lucide-react";
import type { ReactNode } from "react";

export type LegendEntry = { key: string; name: string; color: string; dashed?: boolean };

type ChartCardProps = {
  title: string;
  /** What is measured and how, e.g. "records per second, per node". */
  description: string;
  /** Toggles at the right of the title. */
  toolbar?: ReactNode;
  legend?: readonly LegendEntry[];
  /** A remark on how the plot is drawn (e.g. a clipped axis), after the legend where it has room to be read whole. */
  note?: string;
  /** Nothing to draw: the designed empty state replaces the chart (the frame keeps its height). */
  empty: boolean;
  emptyText: ReactNode;
  children: ReactNode;
  "data-testid"?: string;
};

/** The frame every monitor chart shares: title and toolbar, a fixed-height plot, its legend. */
export function ChartCard({ title, description, toolbar, legend = [], note, empty, emptyText, children, "data-testid": testId }: ChartCardProps) {
  return (
    <section className="flex min-w-0 flex-col rounded-lg border border-slate-200 bg-white" aria-label={title} data-testid={testId}>
      <header className="flex items-start justify-between gap-3 px-4 pt-3">
        <div className="min-w-0">
          <h3 className="text-[13px] font-semibold text-slate-900">{title}</h3>
          <p className="truncate text-xs text-slate-500" title={description}>
            {description}
          </p>
        </div>
        {toolbar}
      </header>
      <div className="relative h-[188px] px-1 pt-2">
        {empty ? (
          <div className="flex h-full flex-col items-center justify-center gap-2 px-6 text-center" data-testid="chart-empty">
            <ChartNoAxesCombined className="size-5 text-slate-300" aria-hidden="true" />
            <p className="max-w-64 text-xs leading-5 text-slate-500">{emptyText}</p>
          </div>
        ) : (
          children
        )}
      </div>
      <ul className="flex min-h-8 flex-wrap items-center gap-x-3 gap-y-1 px-4 pt-1 pb-3" aria-label={`${title} legend`}>
        {!empty &&
          legend.map((entry) => (
            <li key={entry.key} className="flex items-center gap-1.5 text-[11px] text-slate-600">
              <span
                aria-hidden="true"
                className="h-0.5 w-3 rounded-full"
                style={entry.dashed ? { backgroundImage: `linear-gradient(90deg, ${entry.color} 50%, transparent 50%)`, backgroundSize: "4px 2px" } : { background: entry.color }}
              />
              {entry.name}
            </li>
          ))}
        {!empty && note && (
          <li className="ml-auto text-[11px] text-slate-500" data-testid="chart-note">
            {note}
          </li>
        )}
      </ul>
    </section>
  );
}
