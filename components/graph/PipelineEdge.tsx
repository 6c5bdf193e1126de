"use client";

import { BaseEdge, EdgeLabelRenderer, getBezierPath, type EdgeProps } from "@xyflow/react";
import clsx from "clsx";
import type { CSSProperties } from "react";
import { formatRate } from "@/lib/client/format-live";
import { useEdgeRate } from "./canvas-runtime";
import { EdgeTypeChip } from "./EdgeTypeChip";
import type { PipelineFlowEdge } from "./flow-types";
import { useGraphMode } from "./graph-mode";

/** The monitor draws idle connections in a fixed, quiet grey so a flowing one stands out. */
const idleMonitorStyle: CSSProperties = { stroke: "var(--color-slate-300)", strokeWidth: 1.5 };

/**
 * A connection of the graph, in both modes. While the pipeline runs it carries the rate of
 * the records leaving its source: a label, a line that thickens with the rate (log scale,
 * so 10/s and 10k/s both read) and dashes that move while records flow. In the editor,
 * selection keeps the library's styling, so editing looks the same live or not. The editor also
 * labels it with the record type it carries (see EdgeTypeChip).
 */
export function PipelineEdge({ id, source, target, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, markerEnd, selected }: EdgeProps<PipelineFlowEdge>) {
  const [path, labelX, labelY] = getBezierPath({ sourceX, sourceY, sourcePosition, targetX, targetY, targetPosition });
  const mode = useGraphMode();
  const rate = useEdgeRate(source);
  const flowing = rate !== null && rate > 0;
  const style: CSSProperties | undefined =
    flowing && !selected
      ? {
          stroke: "var(--color-indigo-400)",
          strokeWidth: 1.5 + Math.min(3, Math.log10(rate + 1)),
          strokeDasharray: "6 4",
          // React Flow's own keyframes for animated edges.
          animation: "dashdraw 0.5s linear infinite",
        }
      : mode === "monitor"
        ? idleMonitorStyle
        : undefined;
  return (
    <>
      <BaseEdge id={id} path={path} markerEnd={markerEnd} style={style} />
      {/* The editor draws the type each connection carries; below the rate while one shows. */}
      {mode === "edit" && <EdgeTypeChip edgeId={id} source={source} target={target} x={labelX} y={labelY + (rate !== null ? 18 : 0)} />}
      {rate !== null && (
        <EdgeLabelRenderer>
          <div
            className={clsx(
              "nodrag nopan pointer-events-none absolute rounded-full border bg-white px-1.5 text-[10px] leading-4 font-medium tabular-nums shadow-xs",
              flowing ? "border-indigo-200 text-indigo-700" : "border-slate-200 text-slate-500",
            )}
            style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)` }}
            data-testid="edge-rate"
            data-edge-id={id}
          >
            {formatRate(rate)}
          </div>
        </EdgeLabelRenderer>
      )}
    </>
  );
}
