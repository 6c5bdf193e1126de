import type { TooltipContentProps } from "recharts";
import { formatClockSeconds } from "@/lib/client/format-live";

type ChartTooltipProps = Pick<TooltipContentProps, "active" | "payload" | "label"> & {
  format: (value: number) => string;
  /** A line under the rows, e.g. a total. */
  footer?: (rows: { name: string; value: number }[]) => { name: string; value: string } | null;
};

/** The hover card of the monitor charts: the time, then one aligned row per series with tabular figures. */
export function ChartTooltip({ active, payload, label, format, footer }: ChartTooltipProps) {
  if (!active || !payload || payload.length === 0 || typeof label !== "number") return null;
  const rows = payload
    .filter((entry) => typeof entry.value === "number")
    .map((entry) => ({ key: String(entry.dataKey), name: String(entry.name ?? entry.dataKey), value: entry.value as number, color: entry.color ?? entry.stroke ?? "var(--color-slate-500)" }));
  if (rows.length === 0) return null;
  const total = footer?.(rows) ?? null;
  return (
    <div className="min-w-44 rounded-md border border-slate-200 bg-white/95 px-3 py-2 text-xs shadow-lg backdrop-blur-sm">
      <p className="mb-1 font-medium text-slate-500">{formatClockSeconds(label)}</p>
      <table className="w-full">
        <tbody>
          {rows.map((row) => (
            <tr key={row.key}>
              <td className="py-px pr-3">
                <span className="flex items-center gap-1.5 text-slate-700">
                  <span className="size-2 shrink-0 rounded-full" style={{ background: row.color }} aria-hidden="true" />
                  <span className="max-w-40 truncate">{row.name}</span>
                </span>
              </td>
              <td className="py-px text-right font-medium text-slate-900 tabular-nums">{format(row.value)}</td>
            </tr>
          ))}
        </tbody>
        {total && (
          <tfoot>
            <tr className="border-t border-slate-100">
              <td className="pt-1 pr-3 text-slate-500">{total.name}</td>
              <td className="pt-1 text-right font-medium text-slate-900 tabular-nums">{total.value}</td>
            </tr>
          </tfoot>
        )}
      </table>
    </div>
  );
}
