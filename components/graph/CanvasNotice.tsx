"use client";

import { Panel } from "@xyflow/react";
import { Info, X } from "lucide-react";
import { useEffect } from "react";

/** How long a notice stays before it goes by itself. */
const visibleMs = 8_000;

/**
 * A short, non-blocking message at the bottom of the canvas (a refused paste, a refused
 * connection). It goes away by itself or when dismissed; the canvas stays usable meanwhile.
 */
export function CanvasNotice({ message, onDismiss }: { message: string | null; onDismiss: () => void }) {
  useEffect(() => {
    if (!message) return;
    const timer = setTimeout(onDismiss, visibleMs);
    return () => clearTimeout(timer);
  }, [message, onDismiss]);
  if (!message) return null;
  return (
    <Panel position="bottom-center" className="!mb-10">
      <div role="status" data-testid="canvas-notice" className="flex max-w-md items-start gap-2 rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-xs leading-5 text-amber-900 shadow-sm">
        <Info className="mt-0.5 size-3.5 shrink-0" aria-hidden="true" />
        <span className="min-w-0 flex-1">{message}</span>
        <button type="button" aria-label="Dismiss" onClick={onDismiss} className="rounded p-0.5 hover:bg-amber-100">
          <X className="size-3.5" aria-hidden="true" />
        </button>
      </div>
    </Panel>
  );
}
