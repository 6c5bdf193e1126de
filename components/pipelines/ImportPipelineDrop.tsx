"use client";

import { CircleAlert, FileUp } from "lucide-react";
import { useRef, useState, type DragEvent, type ReactNode } from "react";
import { importPipelineFile } from "@/lib/client/api/versions";
import { ApiError, errorMessage } from "@/lib/client/api-error";
import { Button } from "@/components/ui/Button";

type Outcome = { tone: "ok" | "error"; message: string; problems: string[] };

/**
 * Imports a pipeline file (as `streamline export` or the export endpoint
 * writes it) dropped anywhere on the pipelines page or picked with the Import
 * button: creates the pipeline, or saves a new version of the one with that
 * name when something changed.
 */
export function ImportPipelineDrop({ enabled, onImported, children }: { enabled: boolean; onImported: () => void; children: ReactNode }) {
  const [dragging, setDragging] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const input = useRef<HTMLInputElement>(null);

  async function importFile(file: File) {
    setOutcome(null);
    let parsed: unknown;
    try {
      parsed = JSON.parse(await file.text());
    } catch {
      setOutcome({ tone: "error", message: `${file.name} is not a JSON file`, problems: [] });
      return;
    }
    if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) {
      setOutcome({ tone: "error", message: `${file.name} must hold an object with name and graph`, problems: [] });
      return;
    }
    try {
      const result = await importPipelineFile(parsed as { name: string; graph: unknown });
      const pipeline = result.pipeline!;
      const message =
        result.action === "create" ? `Imported ${pipeline.name} (v${pipeline.version})` : result.action === "update" ? `Updated ${pipeline.name} to v${pipeline.version}` : `${pipeline.name} is unchanged (v${pipeline.version})`;
      setOutcome({ tone: "ok", message, problems: [] });
      onImported();
    } catch (error) {
      const problems = error instanceof ApiError ? error.problems.map((p) => (p.nodeId ? `${p.nodeId}: ${p.message}` : p.message)) : [];
      setOutcome({ tone: "error", message: `Could not import ${file.name}: ${errorMessage(error)}`, problems });
    }
  }

  const onDrop = (event: DragEvent) => {
    if (!enabled || !event.dataTransfer.types.includes("Files")) return;
    event.preventDefault();
    setDragging(false);
    const file = event.dataTransfer.files[0];
    if (file) void importFile(file);
  };

  return (
    <div
      className="relative"
      data-testid="import-drop"
      onDragOver={(event) => {
        if (!enabled || !event.dataTransfer.types.includes("Files")) return;
        event.preventDefault();
        setDragging(true);
      }}
      onDragLeave={(event) => {
        if (event.currentTarget === event.target) setDragging(false);
      }}
      onDrop={onDrop}
    >
      {enabled && (
        <div className="mb-3 flex items-center justify-end gap-3">
          {outcome && (
            <div role="status" data-testid="import-outcome" className={outcome.tone === "ok" ? "text-sm text-emerald-700" : "text-sm text-red-700"}>
              <p className="flex items-center gap-1.5">
                {outcome.tone === "error" && <CircleAlert className="size-4" aria-hidden="true" />}
                {outcome.message}
              </p>
              {outcome.problems.length > 0 && (
                <ul className="mt-1 list-disc pl-5 text-xs">
                  {outcome.problems.map((problem) => (
                    <li key={problem}>{problem}</li>
                  ))}
                </ul>
              )}
            </div>
          )}
          <Button icon={<FileUp />} onClick={() => input.current?.click()} data-testid="import-pipeline">
            Import
          </Button>
          <input
            ref={input}
            type="file"
            accept="application/json,.json"
            className="hidden"
            data-testid="import-pipeline-file"
            onChange={(event) => {
              const file = event.target.files?.[0];
              event.target.value = "";
              if (file) void importFile(file);
            }}
          />
        </div>
      )}
      {children}
      {dragging && (
        <div className="pointer-events-none absolute inset-0 flex items-center justify-center rounded-lg border-2 border-dashed border-sky-400 bg-sky-50/80 text-sm font-medium text-sky-800">
          Drop a pipeline file to import it
        </div>
      )}
    </div>
  );
}
