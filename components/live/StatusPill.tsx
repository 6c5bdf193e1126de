import clsx from "clsx";
import { CircleX, LoaderCircle, TriangleAlert } from "lucide-react";
import type { ReactNode } from "react";
import { Tooltip } from "@/components/ui/Tooltip";

type Tone = "running" | "warning" | "failed" | "neutral" | "transition";

type StatusLook = { label: string; tone: Tone };

const looks: Record<string, StatusLook> = {
  starting: { label: "Starting", tone: "transition" },
  running: { label: "Running", tone: "running" },
  degraded: { label: "Degraded", tone: "warning" },
  unresponsive: { label: "Not responding", tone: "warning" },
  stopping: { label: "Stopping", tone: "transition" },
  stopped: { label: "Stopped", tone: "neutral" },
  failed: { label: "Failed", tone: "failed" },
};

const toneClasses: Record<Tone, string> = {
  running: "border-emerald-200 bg-emerald-50 text-emerald-800",
  warning: "border-amber-300 bg-amber-50 text-amber-800",
  failed: "border-red-200 bg-red-50 text-red-700",
  neutral: "border-slate-200 bg-slate-100 text-slate-600",
  transition: "border-slate-200 bg-white text-slate-700",
};

type StatusPillProps = {
  /** The deployment's status (`DeploymentView.status`), or null for a pipeline never deployed. */
  status: string | null;
  /** Why it failed or degraded; shown in a tooltip on hover and keyboard focus. */
  error?: string | null;
  /** Which edge of the pill the tooltip lines up with: "end" for pills at the right of a bar. */
  tooltipAlign?: "start" | "end";
  /** The deployment's runtime; `flink` is named in the pill, the embedded engine (the default) is not. */
  runtime?: string | null;
  className?: string;
};

/**
 * A deployment's status as a coloured pill: green running, amber degraded or not
 * responding, red failed, grey stopped, a spinner while starting or stopping. The error
 * behind a failed or degraded status shows on hover and focus.
 */
export function StatusPill({ status, error, tooltipAlign = "start", runtime, className }: StatusPillProps) {
  const look = status === null ? { label: "Not deployed", tone: "neutral" as const } : (looks[status] ?? { label: status, tone: "neutral" as const });
  const reason = error?.trim() || null;

  const pill = (
    <span
      data-testid="status-pill"
      data-status={status ?? "not-deployed"}
      tabIndex={reason ? 0 : undefined}
      className={clsx(
        "inline-flex h-6 items-center gap-1.5 rounded-full border px-2.5 text-xs font-medium whitespace-nowrap",
        status === null ? "border-dashed border-slate-300 bg-white text-slate-500" : toneClasses[look.tone],
        reason && "cursor-help",
      )}
    >
      <StatusMark tone={look.tone} status={status} />
      {look.label}
      {status !== null && runtime === "flink" && (
        <span className="-mr-1 ml-0.5 rounded-full bg-white/70 px-1.5 text-[10px] leading-4 font-semibold tracking-wide text-slate-600 uppercase ring-1 ring-slate-900/10" data-testid="status-runtime">
          Flink
        </span>
      )}
    </span>
  );

  return (
    <span className={clsx("inline-flex shrink-0", className)}>
      {reason ? (
        <Tooltip content={reason} align={tooltipAlign}>
          {pill}
        </Tooltip>
      ) : (
        pill
      )}
    </span>
  );
}

function StatusMark({ tone, status }: { tone: Tone; status: string | null }): ReactNode {
  if (tone === "transition") return <LoaderCircle className="size-3 animate-spin text-slate-500" aria-hidden="true" />;
  if (tone === "failed") return <CircleX className="size-3.5 text-red-600" aria-hidden="true" />;
  if (tone === "warning") return <TriangleAlert className="size-3.5 text-amber-600" aria-hidden="true" />;
  return (
    <span
      aria-hidden="true"
      className={clsx("size-2 rounded-full", tone === "running" ? "bg-emerald-500" : status === null ? "bg-slate-300" : "bg-slate-400")}
    />
  );
}
