import clsx from "clsx";
import { type DashboardRow } from "@/lib/client/api/dashboard";
import { formatRate } from "@/lib/client/format-live";
import { rowFigures } from "./dashboard-figures";

/**
 * One line over the table that answers "is everything fine?" before any row is read:
 * how many pipelines run, how many are in trouble, and the records read per second.
 */
export function DashboardSummary({ rows }: { rows: readonly DashboardRow[] }) {
  const statuses = rows.map((row) => row.deployment?.status ?? null);
  const running = statuses.filter((status) => status === "running").length;
  const failed = statuses.filter((status) => status === "failed").length;
  const troubled = failed + statuses.filter((status) => status === "degraded" || status === "unresponsive").length;
  const total = rows.reduce((sum, row) => sum + (rowFigures(row).rate ?? 0), 0);
  return (
    <ul className="flex items-center gap-4 text-[13px] text-slate-600 tabular-nums" aria-label="Summary" data-testid="dashboard-summary">
      <li className="flex items-center gap-1.5">
        <span className={clsx("size-2 rounded-full", running > 0 ? "bg-emerald-500" : "bg-slate-300")} aria-hidden="true" />
        <span className="font-medium text-slate-900">{running}</span> running
      </li>
      {troubled > 0 && (
        <li className={clsx("flex items-center gap-1.5", failed > 0 ? "text-red-700" : "text-amber-800")}>
          <span className={clsx("size-2 rounded-full", failed > 0 ? "bg-red-500" : "bg-amber-500")} aria-hidden="true" />
          <span className="font-medium">{troubled}</span> need attention
        </li>
      )}
      {running > 0 && (
        <li>
          <span className="font-medium text-slate-900">{formatRate(total)}</span> read
        </li>
      )}
    </ul>
  );
}
