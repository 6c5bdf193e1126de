import clsx from "clsx";
import { formatLag, formatNumber, formatRate } from "@/lib/client/format-live";
import type { NodeLiveView } from "./canvas-runtime";

const integer = new Intl.NumberFormat("en");

/**
 * The live line under a node card while the pipeline runs: records per second in and out
 * and the error count (red once there is one), in tabular figures so the card never
 * jiggles as they change. It hangs below the card, outside its box, so going live does
 * not change the card's size or move the edges. The totals ride along as data attributes
 * and in the tooltip.
 */
export function NodeLiveLine({ nodeId, live }: { nodeId: string; live: NodeLiveView | null }) {
  const frame = "pointer-events-none absolute inset-x-0 top-full mt-1.5 flex h-[22px] items-center gap-2 rounded-md border px-2 text-[11.5px] leading-none tabular-nums shadow-xs";
  if (live === null) {
    return (
      <div className={clsx(frame, "border-dashed border-slate-300 bg-white/80 text-slate-500")} data-testid={`node-rate-${nodeId}`}>
        Not in the running version
      </div>
    );
  }
  const flowing = live.rate.in > 0 || live.rate.out > 0;
  return (
    <div
      className={clsx(frame, "border-slate-200 bg-white/95 text-slate-700")}
      data-testid={`node-rate-${nodeId}`}
      data-records-in={live.recordsIn}
      data-records-out={live.recordsOut}
      data-errors={live.errors}
      title={`Since deployed: ${integer.format(live.recordsIn)} in · ${integer.format(live.recordsOut)} out · ${integer.format(live.errors)} ${live.errors === 1 ? "error" : "errors"}`}
    >
      <span className={clsx("size-1.5 shrink-0 rounded-full", flowing ? "animate-pulse bg-indigo-500" : "bg-slate-300")} aria-hidden="true" />
      <span className="flex min-w-0 flex-1 gap-1">
        <span className="text-slate-500">in</span>
        <span className="truncate" data-testid="node-rate-in">{formatRate(live.rate.in)}</span>
      </span>
      <span className="flex min-w-0 flex-1 gap-1">
        <span className="text-slate-500">out</span>
        <span className="truncate" data-testid="node-rate-out">{formatRate(live.rate.out)}</span>
      </span>
      {live.watermarkLagMs !== undefined ? (
        <span
          className="flex shrink-0 gap-1"
          data-testid="node-watermark-lag"
          title="Watermark lag: how far this node's event time (the slowest source partition's, minus the watermark delay) trails the wall clock"
        >
          <span className="text-slate-500">wm</span>
          {formatLag(live.watermarkLagMs)}
        </span>
      ) : null}
      {live.lateRecords ? (
        <span
          className="flex shrink-0 gap-1 font-semibold text-amber-700"
          data-testid="node-late"
          title={`${integer.format(live.lateRecords)} records arrived after the watermark had closed their window and went to the dead letters as late-record`}
        >
          late {formatNumber(live.lateRecords)}
        </span>
      ) : (
        <span className={clsx("flex shrink-0 gap-1", live.errors > 0 && "font-semibold text-red-600")} data-testid="node-errors">
          <span className={live.errors > 0 ? undefined : "text-slate-500"}>err</span>
          {formatNumber(live.errors)}
        </span>
      )}
    </div>
  );
}
