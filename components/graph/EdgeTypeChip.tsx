"use client";

import { EdgeLabelRenderer } from "@xyflow/react";
import clsx from "clsx";
import { TriangleAlert } from "lucide-react";
import { useState } from "react";
import { useCanvasTypes } from "./canvas-types";
import { edgeTypeLabel } from "./edge-type-label";

type EdgeTypeChipProps = { edgeId: string; source: string; target: string; x: number; y: number };

/**
 * The record type a connection carries, drawn on it: compact (`3 fields`),
 * with the field list and types on hover, focus or click. Amber, with the
 * drift listed, when the node it leads to uses a field the source topic's
 * latest records no longer carry or carry with another type.
 */
export function EdgeTypeChip({ edgeId, source, target, x, y }: EdgeTypeChipProps) {
  const types = useCanvasTypes();
  const [hovered, setHovered] = useState(false);
  const [pinnedOpen, setPinnedOpen] = useState(false);
  const label = edgeTypeLabel(types.outputTypes.get(source));
  if (!label) return null;
  const drift = types.drift.filter((item) => item.nodeId === target);
  const open = hovered || pinnedOpen;
  return (
    <EdgeLabelRenderer>
      <div
        className="nodrag nopan pointer-events-auto absolute"
        style={{ transform: `translate(-50%, -50%) translate(${x}px, ${y}px)`, zIndex: open ? 20 : undefined }}
        onMouseEnter={() => setHovered(true)}
        onMouseLeave={() => setHovered(false)}
      >
        <button
          type="button"
          className={clsx(
            "flex items-center gap-1 rounded-full border bg-white px-1.5 font-mono text-[10px] leading-4 shadow-xs",
            drift.length > 0 ? "border-amber-300 text-amber-800" : "border-slate-200 text-slate-500 hover:text-slate-700",
          )}
          aria-expanded={open}
          aria-label={`Record type on this connection: ${label.short}${drift.length > 0 ? `, ${drift.length} schema drift warning${drift.length === 1 ? "" : "s"}` : ""}`}
          data-testid="edge-type"
          data-edge-id={edgeId}
          onClick={() => setPinnedOpen((value) => !value)}
          onFocus={() => setHovered(true)}
          onBlur={() => setHovered(false)}
        >
          {drift.length > 0 && <TriangleAlert className="size-3" aria-hidden="true" />}
          {label.short}
        </button>
        {open && (
          <div
            className="absolute top-full left-1/2 mt-1 w-max max-w-72 -translate-x-1/2 rounded-md border border-slate-200 bg-white p-2 text-left shadow-lg"
            data-testid="edge-type-fields"
            role="tooltip"
          >
            {label.fields.length > 0 ? (
              <ul className="flex flex-col gap-0.5 font-mono text-[11px] leading-4">
                {label.fields.map((field) => (
                  <li key={field.name} className="flex justify-between gap-4">
                    <span className="truncate text-slate-800">{field.name}</span>
                    <span className="max-w-40 truncate text-slate-500" title={field.type}>
                      {field.type}
                    </span>
                  </li>
                ))}
              </ul>
            ) : null}
            {label.open && (
              <p className="mt-1 max-w-64 text-[11px] leading-4 text-slate-500">
                {label.fields.length > 0 ? "Other fields may arrive too." : "Fields unknown: pin the source's sampled schema to type them."}
              </p>
            )}
            {drift.length > 0 && (
              <ul className="mt-1.5 flex max-w-64 flex-col gap-1 border-t border-amber-200 pt-1.5 text-[11px] leading-4 text-amber-800" data-testid="edge-drift">
                {drift.map((item) => (
                  <li key={`${item.field}:${item.message}`}>Schema drift: {item.message}</li>
                ))}
              </ul>
            )}
          </div>
        )}
      </div>
    </EdgeLabelRenderer>
  );
}
