"use client";

import { Panel } from "@xyflow/react";
import { useContext } from "react";
import { CanvasRuntimeContext } from "./canvas-runtime";

/**
 * Says, in a corner of the canvas, that the numbers on it are live and from which
 * version, and what the coloured outlines mean; nothing while the pipeline does not run.
 * It reads the live state itself, so the canvas around it does not render every second.
 */
export function LiveLegend() {
  const { liveVersion } = useContext(CanvasRuntimeContext);
  if (liveVersion === null) return null;
  return (
    <Panel position="top-left">
      <div
        className="flex items-center gap-3 rounded-md border border-slate-200 bg-white/95 px-2.5 py-1 text-[11px] text-slate-500 shadow-xs"
        data-testid="canvas-live-legend"
      >
        <span className="flex items-center gap-1.5 font-medium text-slate-700">
          <span className="relative flex size-2" aria-hidden="true">
            <span className="absolute inline-flex size-full animate-ping rounded-full bg-indigo-400 opacity-60" />
            <span className="relative inline-flex size-2 rounded-full bg-indigo-500" />
          </span>
          Live · v{liveVersion}
        </span>
        <span className="flex items-center gap-1.5">
          <span className="size-2.5 rounded-sm border-2 border-amber-400" aria-hidden="true" />
          busy or lagging
        </span>
        <span className="flex items-center gap-1.5">
          <span className="size-2.5 rounded-sm border-2 border-red-500" aria-hidden="true" />
          errors rising
        </span>
      </div>
    </Panel>
  );
}
