import clsx from "clsx";
import type { SavedVersion } from "./use-pipeline-editor";

type SaveIndicatorProps = {
  dirty: boolean;
  saving: boolean;
  saved: SavedVersion;
};

/**
 * Whether the canvas matches the last saved version, and which version that is. A version
 * saved with problems is marked as a draft: it is kept, but it cannot run.
 */
export function SaveIndicator({ dirty, saving, saved }: SaveIndicatorProps) {
  const problemCount = saved.problems.length;
  const state = saving ? "Saving…" : dirty ? "Unsaved changes" : "Saved";
  return (
    <div className="flex items-center gap-2 text-xs whitespace-nowrap text-slate-500" data-testid="save-state" data-dirty={dirty} title={`${state} · v${saved.version}`}>
      <span
        aria-hidden="true"
        className={clsx("size-2 rounded-full", saving ? "animate-pulse bg-slate-400" : dirty ? "bg-amber-500" : "bg-emerald-500")}
      />
      <span>
        {/* Below 1280 px the dot alone says saved or not (the editor's top bar must fit 1024 px); screen readers still hear it. */}
        <span className="max-xl:sr-only">
          <span className={dirty ? "font-medium text-slate-700" : undefined}>{state}</span>
          <span className="text-slate-500"> · </span>
        </span>
        <span data-testid="saved-version" title="Latest saved version">
          v{saved.version}
        </span>
      </span>
      {problemCount > 0 && (
        <span
          data-testid="draft-badge"
          title={`Version ${saved.version} was saved with ${problemCount} ${problemCount === 1 ? "problem" : "problems"}; fix them before it can run.`}
          className="rounded border border-slate-200 bg-slate-50 px-1.5 py-px text-[11px] font-medium text-slate-600"
        >
          Draft
        </span>
      )}
    </div>
  );
}
