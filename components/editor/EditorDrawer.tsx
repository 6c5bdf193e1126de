"use client";

import clsx from "clsx";
import { ChevronDown, ChevronUp } from "lucide-react";
import type { ReactNode } from "react";
import { formatNumber } from "@/lib/client/format-live";
import { IconButton } from "@/components/ui/IconButton";
import { useEditorLive } from "./editor-live-context";

export type DrawerTab = "problems" | "samples" | "dead-letters";

type EditorDrawerProps = {
  open: boolean;
  tab: DrawerTab;
  /** Opens the drawer on that tab; the toggle at the strip's end closes it. */
  onTabClick: (tab: DrawerTab) => void;
  onToggle: () => void;
  problemCount: number;
  /** The node the Samples tab shows, named in its tab. */
  sampleNode: string | null;
  /** Records that failed in the last preview, added to the Dead letters count. */
  previewFailures: number;
  /** The open tab's content. */
  children: ReactNode;
};

const tabLabels: Record<DrawerTab, string> = { problems: "Problems", samples: "Samples", "dead-letters": "Dead letters" };

/**
 * The bottom drawer under the canvas. Its tab strip always shows, so Problems, Samples
 * and Dead letters are one click away with their counts; closing the drawer folds it
 * down to the strip.
 */
export function EditorDrawer({ open, tab, onTabClick, onToggle, problemCount, sampleNode, previewFailures, children }: EditorDrawerProps) {
  const { telemetry } = useEditorLive();
  const deadLetters = telemetry.latest?.counters.deadLetters ?? 0;
  // Real dead letters (the deployment's) and a preview's failures are different things: counted apart.
  const counts: Record<DrawerTab, ReactNode> = {
    problems: <Count value={problemCount} danger={problemCount > 0} />,
    samples: sampleNode && <span className="max-w-40 truncate font-normal text-slate-500">{sampleNode}</span>,
    "dead-letters": (deadLetters > 0 || previewFailures > 0) && (
      <>
        {deadLetters > 0 && <Count value={deadLetters} danger title={`${formatNumber(deadLetters)} dead letters of the deployment`} testId="dead-letters-live-count" />}
        {previewFailures > 0 && (
          <span
            className="rounded-full bg-amber-50 px-1.5 text-[11px] leading-4 font-semibold text-amber-800 tabular-nums"
            title={`${formatNumber(previewFailures)} records failed in the preview (nothing was written)`}
            data-testid="dead-letters-preview-count"
          >
            preview {formatNumber(previewFailures)}
          </span>
        )}
      </>
    ),
  };

  return (
    <section aria-label="Drawer" className="nokey flex shrink-0 flex-col border-t border-slate-200 bg-white" data-testid="editor-drawer" data-open={open}>
      <div className={clsx("flex h-9 shrink-0 items-stretch pr-2 pl-2", open && "border-b border-slate-200")}>
        <div className="flex items-stretch gap-1" role="tablist" aria-label="Drawer panels">
          {(Object.keys(tabLabels) as DrawerTab[]).map((id) => {
            const active = open && id === tab;
            return (
              <button
                key={id}
                type="button"
                role="tab"
                id={`drawer-tab-${id}`}
                aria-selected={active}
                aria-controls={active ? "editor-drawer-panel" : undefined}
                onClick={() => onTabClick(id)}
                className={clsx(
                  "relative flex items-center gap-1.5 px-2.5 text-xs font-medium transition-colors",
                  active ? "text-slate-900" : "text-slate-500 hover:text-slate-900",
                )}
                data-testid={`drawer-tab-${id}`}
              >
                {tabLabels[id]}
                {counts[id]}
                {active && <span className="absolute inset-x-2 bottom-0 h-0.5 rounded-full bg-indigo-600" aria-hidden="true" />}
              </button>
            );
          })}
        </div>
        <IconButton
          label={open ? "Hide the drawer" : "Show the drawer"}
          icon={open ? <ChevronDown /> : <ChevronUp />}
          onClick={onToggle}
          aria-expanded={open}
          className="my-auto ml-auto"
          data-testid="drawer-toggle"
        />
      </div>
      {open && (
        <div id="editor-drawer-panel" role="tabpanel" aria-labelledby={`drawer-tab-${tab}`} className="flex h-[300px] min-h-0 flex-col">
          {children}
        </div>
      )}
    </section>
  );
}

function Count({ value, danger, title, testId }: { value: number; danger?: boolean; title?: string; testId?: string }) {
  return (
    <span title={title} data-testid={testId} className={clsx("rounded-full px-1.5 text-[11px] leading-4 font-semibold tabular-nums", danger ? "bg-red-50 text-red-700" : "bg-slate-100 text-slate-600")}>
      {formatNumber(value)}
    </span>
  );
}
