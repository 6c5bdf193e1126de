import clsx from "clsx";
import type { ReactNode } from "react";
import { Sparkline } from "@/components/ui/Sparkline";

type StatTileProps = {
  label: string;
  /** The figure, already formatted; "—" when unknown. */
  value: string;
  /** A short line under the figure, e.g. "+3 in the last minute". */
  detail?: ReactNode;
  /** Recent values, oldest first, drawn as a sparkline at the right. */
  trend?: readonly number[];
  tone?: "neutral" | "danger";
  /** The figure is a past value (the pipeline stopped reporting): drawn grey. */
  stale?: boolean;
  "data-testid"?: string;
};

/** One headline number of the monitor (Grafana's stat panel): label, big tabular figure, trend. */
export function StatTile({ label, value, detail, trend, tone = "neutral", stale = false, "data-testid": testId }: StatTileProps) {
  return (
    <div className="flex min-w-0 items-end justify-between gap-3 rounded-lg border border-slate-200 bg-white px-4 py-3" data-testid={testId}>
      <div className="min-w-0">
        <p className="truncate text-xs font-medium text-slate-500">{label}</p>
        <p
          className={clsx(
            "mt-0.5 truncate text-xl leading-7 font-semibold tabular-nums",
            stale ? "text-slate-500" : tone === "danger" ? "text-red-600" : "text-slate-900",
          )}
          data-testid="stat-value"
        >
          {value}
        </p>
        <p className="truncate text-[11px] leading-4 text-slate-500">{detail ?? "\u00a0"}</p>
      </div>
      {trend && <Sparkline values={trend} label={`${label}, recent trend`} width={72} height={28} color={tone === "danger" ? "var(--color-red-600)" : undefined} />}
    </div>
  );
}
