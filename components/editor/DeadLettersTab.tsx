"use client";

import { DeadLetterList } from "@/components/live/DeadLetterList";
import { useEditorLive } from "./editor-live-context";
import { PreviewFailureList } from "./PreviewFailureList";
import type { PreviewRun } from "./use-preview";

type DeadLettersTabProps = {
  pipelineId: string;
  /** Node titles by id, as the canvas shows them. */
  titles: Readonly<Record<string, string>>;
  /** The last preview, whose failed records are listed first. */
  previewRun: PreviewRun | null;
  onSelectNode: (nodeId: string) => void;
};

/**
 * The drawer's Dead letters tab: the records the last preview could not process, then
 * the deployment's dead-letter topic, which reloads itself when the engine reports new
 * failures.
 */
export function DeadLettersTab({ pipelineId, titles, previewRun, onSelectNode }: DeadLettersTabProps) {
  const { telemetry } = useEditorLive();
  const failures = previewRun?.result.deadLetters ?? [];
  return (
    <div className="flex min-h-0 flex-1 flex-col gap-3 overflow-y-auto bg-slate-50 p-3" data-testid="dead-letters-tab">
      {failures.length > 0 && <PreviewFailureList failures={failures} titles={{ ...previewRun?.titles, ...titles }} onSelectNode={onSelectNode} />}
      <DeadLetterList pipelineId={pipelineId} nodeTitles={titles} knownCount={telemetry.latest?.counters.deadLetters} />
    </div>
  );
}
