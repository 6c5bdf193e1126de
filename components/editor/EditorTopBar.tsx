"use client";

import clsx from "clsx";
import { Activity, ArrowLeft, CircleAlert, CircleCheck, Eye, FlaskConical, History, LoaderCircle, Redo2, Undo2 } from "lucide-react";
import Link from "next/link";
import type { RefObject } from "react";
import type { ApiError } from "@/lib/client/api-error";
import type { DeployOptions } from "@/lib/client/use-deployment-status";
import { useShortcutModifier } from "@/lib/client/use-shortcut-modifier";
import { useCanEdit } from "@/components/auth/SessionProvider";
import { DeployControls } from "@/components/live/DeployControls";
import { Button } from "@/components/ui/Button";
import { IconButton } from "@/components/ui/IconButton";
import { SaveWithMessage } from "@/components/versions/SaveWithMessage";
import { ConcurrentSaveNotice } from "./ConcurrentSaveNotice";
import { DeploymentBadge } from "./DeploymentBadge";
import { PipelineNameInput } from "./PipelineNameInput";
import { SaveIndicator } from "./SaveIndicator";
import type { PipelineEditorState } from "./use-pipeline-editor";

type EditorTopBarProps = {
  editor: PipelineEditorState;
  problemsOpen: boolean;
  onToggleProblems: () => void;
  previewRunning: boolean;
  onPreview: () => void;
  /** Saves unsaved changes before a deploy, which runs the latest saved version; false cancels the deploy. */
  beforeDeploy: () => Promise<boolean>;
  onDeployError: (error: ApiError) => void;
  /** The versions panel (history, diff, restore, deploy a version). */
  versionsOpen: boolean;
  onToggleVersions: () => void;
  /** A deploy over a running deployment: show its plan first. */
  confirmDeploy: (options: DeployOptions) => void;
  /** The panel on the right (inspector or versions), which a refused deploy's message must not cover (defect 4). */
  sidePanel?: RefObject<HTMLElement | null>;
};

/**
 * The editor's top bar: back, name, save state, version and deployment status on the
 * left; problems, history, Preview and Save, then the way to the monitor and the
 * deploy controls on the right.
 */
export function EditorTopBar({ editor, problemsOpen, onToggleProblems, previewRunning, onPreview, beforeDeploy, onDeployError, versionsOpen, onToggleVersions, confirmDeploy, sidePanel }: EditorTopBarProps) {
  const problemCount = editor.problems.length;
  const saving = editor.saveStatus.state === "pending";
  const mod = useShortcutModifier();
  const canEdit = useCanEdit();
  return (
    <>
    <div className="flex h-12 shrink-0 items-center gap-3 border-b border-slate-200 bg-white px-3">
      <Link
        href="/"
        aria-label="Back to pipelines"
        title="Back to pipelines"
        className="inline-flex size-8 items-center justify-center rounded-md text-slate-500 hover:bg-slate-100 hover:text-slate-900"
      >
        <ArrowLeft className="size-4" aria-hidden="true" />
      </Link>
      {/* The left group takes what the right leaves; only the name shrinks (defect 8: at 1024 px it overlapped). */}
      <div className="flex min-w-0 flex-1 items-center gap-2 xl:gap-3">
        <PipelineNameInput
          name={editor.name}
          onRename={editor.rename}
          readOnly={!canEdit}
          pending={editor.renameStatus.state === "pending"}
          failed={editor.renameStatus.state === "error"}
        />
        {canEdit ? (
          <SaveIndicator dirty={editor.dirty} saving={saving} saved={editor.saved} />
        ) : (
          <span
            className="inline-flex h-6 shrink-0 items-center gap-1 rounded-full border border-slate-300 bg-slate-100 px-2 text-xs font-medium text-slate-700"
            title="You are signed in as a viewer: you can look at this pipeline but not change it. Ask an admin for the editor role."
            data-testid="read-only-badge"
          >
            <Eye className="size-3.5" aria-hidden="true" />
            Read-only: viewer
          </span>
        )}
        <span className="h-5 w-px bg-slate-200" aria-hidden="true" />
        <DeploymentBadge pipelineId={editor.pipelineId} savedVersion={editor.saved.version} />
      </div>

      {/* Below 1280 px the secondary buttons drop their labels (kept for screen readers) so the bar fits. */}
      <div className="ml-auto flex shrink-0 items-center gap-2">
        <button
          type="button"
          onClick={onToggleProblems}
          aria-expanded={problemsOpen}
          aria-label={`${problemCount} ${problemCount === 1 ? "problem" : "problems"}. ${problemsOpen ? "Hide" : "Show"} the problems panel`}
          data-testid="problems-toggle"
          className={clsx(
            "inline-flex h-7 items-center gap-1.5 rounded-full border px-2.5 text-xs font-medium transition-colors",
            problemCount > 0
              ? "border-red-200 bg-red-50 text-red-700 hover:bg-red-100"
              : "border-slate-200 bg-white text-slate-600 hover:bg-slate-50",
            problemsOpen && "ring-2 ring-indigo-100",
          )}
        >
          {problemCount > 0 ? (
            <CircleAlert className="size-3.5" aria-hidden="true" />
          ) : (
            <CircleCheck className="size-3.5 text-emerald-600" aria-hidden="true" />
          )}
          <span data-testid="problem-count">{problemCount}</span>
          <span className="max-xl:sr-only">{problemCount === 1 ? "problem" : "problems"}</span>
        </button>
        <Button
          size="sm"
          variant="ghost"
          icon={<History />}
          onClick={onToggleVersions}
          aria-expanded={versionsOpen}
          aria-pressed={versionsOpen}
          title="Versions: history, compare two on the canvas, restore, deploy a version"
          data-testid="versions-toggle"
          className={clsx(versionsOpen && "bg-indigo-50 text-indigo-700")}
        >
          <span className="max-xl:sr-only">Versions</span>
        </Button>
        <span className="mx-1 h-5 w-px bg-slate-200" aria-hidden="true" />
        {canEdit && (
          <>
            <IconButton label={`Undo (${mod}+Z)`} icon={<Undo2 />} onClick={editor.undo} disabled={!editor.canUndo} />
            <IconButton label={`Redo (${mod}+Shift+Z)`} icon={<Redo2 />} onClick={editor.redo} disabled={!editor.canRedo} />
          </>
        )}
        <Button
          icon={previewRunning ? <LoaderCircle className="animate-spin" /> : <FlaskConical />}
          onClick={onPreview}
          disabled={!canEdit || previewRunning || editor.nodes.length === 0}
          aria-busy={previewRunning}
          title="Run the graph on the canvas, saved or not, on the latest records of its source topics. Nothing is written."
          data-testid="preview"
          className="ml-1 xl:w-[104px]"
        >
          <span className="max-xl:sr-only">{previewRunning ? "Running…" : "Preview"}</span>
        </Button>
        <SaveWithMessage
          onSave={editor.save}
          disabled={!canEdit || !editor.dirty || saving}
          saving={saving}
          title={canEdit ? `Save a new version with a message (${mod}+S saves without one)` : "Viewers cannot save; ask an admin for the editor role"}
        />
        <span className="mx-1 h-5 w-px bg-slate-200" aria-hidden="true" />
        <Link
          href={`/pipelines/${encodeURIComponent(editor.pipelineId)}/monitor`}
          className="inline-flex h-8 items-center gap-2 rounded-md px-2.5 text-sm font-medium text-slate-600 hover:bg-slate-100 hover:text-slate-900"
          title="Charts, metrics per node and events of the deployment"
          data-testid="open-monitor"
        >
          <Activity className="size-4" aria-hidden="true" />
          <span className="max-xl:sr-only">Monitor</span>
        </Link>
        {canEdit && (
          <DeployControls
            pipelineId={editor.pipelineId}
            pipelineName={editor.name}
            beforeDeploy={beforeDeploy}
            onDeployError={onDeployError}
            blockedReason={problemCount > 0 ? `Fix the ${problemCount} ${problemCount === 1 ? "problem" : "problems"} first: a pipeline with problems cannot be deployed` : null}
            showStatus={false}
            confirmDeploy={confirmDeploy}
            keepClearOf={sidePanel}
          />
        )}
      </div>
    </div>
    {/* Someone else saved meanwhile: who, which version, and the ways on (issue 15, defect 10). */}
    {canEdit && <ConcurrentSaveNotice editor={editor} />}
    </>
  );
}
