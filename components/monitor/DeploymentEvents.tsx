import clsx from "clsx";
import type { DeploymentEvent } from "./deployment-events";
import { formatClockSeconds } from "@/lib/client/format-live";

const markers: Record<DeploymentEvent["kind"], string> = {
  deployed: "bg-indigo-500",
  running: "bg-emerald-500",
  degraded: "bg-amber-500",
  unresponsive: "bg-amber-500",
  failed: "bg-red-600",
  stopped: "bg-slate-400",
  replaced: "bg-slate-300",
};

/** The recent events of the deployment as a compact timeline, newest first, failures with their reason. */
export function DeploymentEvents({ events }: { events: readonly DeploymentEvent[] }) {
  return (
    <section className="flex h-[300px] flex-col overflow-hidden rounded-lg border border-slate-200 bg-white" aria-label="Events" data-testid="deployment-events">
      <header className="border-b border-slate-100 px-4 py-2">
        <h2 className="text-[13px] font-semibold text-slate-900">Events</h2>
      </header>
      {events.length === 0 ? (
        <p className="px-4 py-6 text-center text-xs leading-5 text-slate-500">Deploys, restarts and failures will be listed here.</p>
      ) : (
        <ol className="min-h-0 flex-1 overflow-y-auto px-4 py-2">
          {events.map((event, index) => (
            <li key={`${event.at}-${event.kind}-${index}`} className="relative flex gap-3 pb-3 last:pb-1">
              {index < events.length - 1 && <span className="absolute top-3 bottom-0 left-[3px] w-px bg-slate-200" aria-hidden="true" />}
              <span className={clsx("relative mt-1.5 size-[7px] shrink-0 rounded-full", markers[event.kind])} aria-hidden="true" />
              <div className="min-w-0 flex-1">
                <p className="flex items-baseline justify-between gap-2 text-[13px] leading-5">
                  <span className={clsx("font-medium", event.kind === "failed" ? "text-red-700" : "text-slate-800")}>{event.title}</span>
                  <time dateTime={new Date(event.at).toISOString()} title={new Date(event.at).toISOString()} className="shrink-0 text-[11px] text-slate-500 tabular-nums">
                    {formatClockSeconds(event.at)}
                  </time>
                </p>
                {event.detail && <p className="text-xs leading-4 break-words text-slate-500">{event.detail}</p>}
              </div>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
