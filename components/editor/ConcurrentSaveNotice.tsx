"use client";

import { Eye, GitCompareArrows, RefreshCw, Save, TriangleAlert, X } from "lucide-react";
import { useState } from "react";
import type { PipelineDocument } from "@/engine/graph";
import { getPipeline, getVersion } from "@/lib/client/api/pipelines";
import { Button } from "@/components/ui/Button";
import { IconButton } from "@/components/ui/IconButton";
import { VersionCanvas, type VersionCanvasView } from "@/components/versions/VersionCanvas";
import { useConcurrentSaves } from "./use-concurrent-saves";
import type { PipelineEditorState } from "./use-pipeline-editor";

type Overlay = { kind: "view" | "compare"; view: VersionCanvasView };

/**
 * The notice an editor shows when someone else saved the pipeline while it was
 * open: who and which version, and three ways on: look at their version
 * (read-only), keep editing and save this draft as a new version on top of
 * theirs (after a diff of the two), or load theirs in place of the draft.
 */
export function ConcurrentSaveNotice({ editor }: { editor: PipelineEditorState }) {
  const { saved, dismiss } = useConcurrentSaves(editor.pipelineId, editor.saved.version, editor.saveStatus.state === "pending");
  const [overlay, setOverlay] = useState<Overlay | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (!saved) return null;

  async function theirGraph(): Promise<PipelineDocument> {
    return (await getVersion(editor.pipelineId, saved!.version)).graph;
  }

  async function run(work: () => Promise<void>) {
    setBusy(true);
    setError(null);
    try {
      await work();
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : String(caught));
    } finally {
      setBusy(false);
    }
  }

  const view = () => run(async () => setOverlay({ kind: "view", view: { kind: "version", version: saved.version, graph: await theirGraph() } }));
  const compare = () =>
    run(async () =>
      setOverlay({ kind: "compare", view: { kind: "diff", from: { version: saved.version, graph: await theirGraph() }, to: { version: saved.version + 1, graph: editor.document } } }),
    );
  const saveOnTop = () =>
    run(async () => {
      await editor.save(`Saved on top of v${saved.version} by ${saved.author}`, saved.version);
      setOverlay(null);
    });
  const reload = () =>
    run(async () => {
      editor.loadSaved(await getPipeline(editor.pipelineId));
      setOverlay(null);
    });

  return (
    <>
      <div role="alert" data-testid="concurrent-save" data-version={saved.version} className="flex shrink-0 flex-wrap items-center gap-2 border-b border-amber-200 bg-amber-50 py-1.5 pr-2 pl-4 text-sm text-amber-900">
        <TriangleAlert className="size-4 shrink-0 text-amber-600" aria-hidden="true" />
        <span className="min-w-0 flex-1">
          <strong className="font-semibold">{saved.author}</strong> saved version {saved.version} while you were editing.
          {editor.dirty ? " Your unsaved changes are kept until you choose." : ""}
          {error && <span className="ml-2 text-red-700">{error}</span>}
        </span>
        <Button size="sm" icon={<Eye />} onClick={view} disabled={busy} data-testid="concurrent-view">
          View v{saved.version}
        </Button>
        <Button size="sm" icon={<GitCompareArrows />} onClick={compare} disabled={busy} data-testid="concurrent-compare">
          Keep mine, save on top…
        </Button>
        <Button size="sm" icon={<RefreshCw />} onClick={reload} disabled={busy} data-testid="concurrent-reload">
          Load v{saved.version}
        </Button>
        <IconButton label="Dismiss" icon={<X />} onClick={dismiss} />
      </div>
      {overlay && (
        <div className="fixed inset-0 z-40 flex items-stretch bg-slate-900/30 p-6" data-testid="concurrent-overlay">
          <div role="dialog" aria-modal="true" aria-label={overlay.kind === "view" ? `Version ${saved.version}` : "Their version and your draft"} className="flex min-h-0 flex-1 flex-col overflow-hidden rounded-lg border border-slate-200 bg-white shadow-xl">
            {overlay.kind === "compare" && (
              <div className="flex shrink-0 items-center gap-2 border-b border-slate-200 px-3 py-2 text-sm text-slate-700">
                <span className="min-w-0 flex-1">
                  Changes from {saved.author}&apos;s v{saved.version} to your draft, which would be saved as v{saved.version + 1}.
                </span>
                <Button size="sm" variant="primary" icon={<Save />} onClick={saveOnTop} disabled={busy} data-testid="concurrent-save-on-top">
                  Save my draft as v{saved.version + 1}
                </Button>
              </div>
            )}
            <VersionCanvas view={overlay.view} onClose={() => setOverlay(null)} />
          </div>
        </div>
      )}
    </>
  );
}
