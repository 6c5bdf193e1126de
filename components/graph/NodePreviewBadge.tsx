import clsx from "clsx";
import { FlaskConical } from "lucide-react";
import { formatNumber } from "@/lib/client/format-live";
import type { NodePreviewView } from "./canvas-runtime";

type NodePreviewBadgeProps = {
  nodeId: string;
  preview: NodePreviewView;
  /** The graph changed since the preview ran: the counts belong to an earlier draft. */
  stale: boolean;
};

/**
 * The last preview's result on a node card: records in → out, and how many failed
 * (red). It sits on the card's top edge, clear of the title and the live line.
 */
export function NodePreviewBadge({ nodeId, preview, stale }: NodePreviewBadgeProps) {
  const failed = preview.failures.length;
  const summary = `Preview${stale ? " of an earlier draft" : ""}: ${preview.recordsIn} in, ${preview.recordsOut} out${failed > 0 ? `, ${failed} failed` : ""}`;
  const reasons = preview.failures
    .slice(0, 3)
    .map((failure) => `${failure.detail ?? failure.code}: ${failure.message}`)
    .join("\n");
  return (
    <div
      className={clsx(
        "absolute -top-2.5 right-2 flex h-5 items-center gap-1 rounded-full border bg-white px-1.5 text-[10.5px] leading-none font-medium tabular-nums shadow-xs",
        failed > 0 ? "border-red-200 text-red-700" : "border-indigo-200 text-indigo-700",
        stale && "opacity-60",
      )}
      title={reasons ? `${summary}\n${reasons}` : summary}
      aria-label={summary}
      data-testid={`node-preview-${nodeId}`}
      data-records-in={preview.recordsIn}
      data-records-out={preview.recordsOut}
      data-failures={failed}
    >
      <FlaskConical className="size-3" aria-hidden="true" />
      <span>
        {formatNumber(preview.recordsIn)} → {formatNumber(preview.recordsOut)}
      </span>
      {failed > 0 && <span className="rounded-full bg-red-600 px-1 text-white">{formatNumber(failed)} failed</span>}
    </div>
  );
}
