"use client";

import { BaseEdge, EdgeLabelRenderer, getBezierPath, type Edge, type EdgeProps } from "@xyflow/react";
import clsx from "clsx";
import { formatRate } from "./format-live";

export type LiveEdgeData = {
  /** Records per second leaving the source node, or null when nothing is reported. */
  rate: number | null;
};

export type LiveFlowEdge = Edge<LiveEdgeData, "live">;

/**
 * A connection that shows the records flowing through it: the rate as a label, a line
 * that thickens with the rate (on a log scale, so 10/s and 10k/s both read) and moves
 * while records flow.
 */
export function LiveEdge({ sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, data, markerEnd }: EdgeProps<LiveFlowEdge>) {
  const [path, labelX, labelY] = getBezierPath({ sourceX, sourceY, sourcePosition, targetX, targetY, targetPosition });
  const rate = data?.rate ?? null;
  const flowing = rate !== null && rate > 0;
  const width = flowing ? 1.5 + Math.min(3, Math.log10(rate + 1)) : 1.5;
  return (
    <>
      <BaseEdge path={path} markerEnd={markerEnd} style={{ strokeWidth: width, stroke: flowing ? "var(--color-indigo-400)" : "var(--color-slate-300)" }} />
      {rate !== null && (
        <EdgeLabelRenderer>
          <div
            className={clsx(
              "nodrag nopan pointer-events-none absolute rounded-full border bg-white px-1.5 text-[10px] leading-4 font-medium tabular-nums shadow-xs",
              flowing ? "border-indigo-200 text-indigo-700" : "border-slate-200 text-slate-400",
            )}
            style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)` }}
            data-testid="edge-rate"
          >
            {formatRate(rate)}
          </div>
        </EdgeLabelRenderer>
      )}
    </>
  );
}
