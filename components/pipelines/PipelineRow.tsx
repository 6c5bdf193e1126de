"use client";

import { ArrowRight, Pencil, Trash2 } from "lucide-react";
import Link from "next/link";
import { useState, type KeyboardEvent } from "react";
import { renamePipeline } from "@/lib/client/api-client";
import { pipelineName } from "@/lib/schemas/pipelines";
import type { PipelineSummary } from "@/lib/client/api-types";
import { formatRelativeTime, formatTimestamp } from "@/lib/client/format-relative-time";
import { FieldErrors } from "@/components/ui/FormField";
import { IconButton } from "@/components/ui/IconButton";
import { TextInput } from "@/components/ui/TextInput";

type PipelineRowProps = {
  pipeline: PipelineSummary;
  now: number;
  onRenamed: (pipeline: PipelineSummary) => void;
  onDelete: (pipeline: PipelineSummary) => void;
};

/** One pipeline in the list, renamed in place: Enter saves, Escape cancels. */
export function PipelineRow({ pipeline, now, onRenamed, onDelete }: PipelineRowProps) {
  const [draftName, setDraftName] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const href = `/pipelines/${encodeURIComponent(pipeline.id)}`;

  function cancel() {
    setDraftName(null);
    setError(null);
  }

  async function commit() {
    if (draftName === null || saving) return;
    const check = pipelineName.safeParse(draftName);
    if (!check.success) return setError(check.error.issues[0]?.message ?? "Invalid name");
    const name = check.data;
    if (name === pipeline.name) return cancel();
    setSaving(true);
    try {
      const renamed = await renamePipeline(pipeline.id, { name });
      onRenamed({ ...pipeline, name: renamed.name, updatedAt: renamed.updatedAt });
      cancel();
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : String(caught));
    } finally {
      setSaving(false);
    }
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === "Enter") void commit();
    if (event.key === "Escape") cancel();
  }

  return (
    <tr data-testid="pipeline-row" data-pipeline-id={pipeline.id} className="group border-t border-slate-100 first:border-t-0 hover:bg-slate-50/80">
      <td className="py-2.5 pr-4 pl-4 align-middle">
        {draftName === null ? (
          <Link href={href} data-testid="pipeline-name" className="font-medium text-slate-900 hover:text-indigo-700 hover:underline">
            {pipeline.name}
          </Link>
        ) : (
          <div className="flex max-w-xs flex-col gap-1">
            <TextInput
              aria-label="Pipeline name"
              data-testid="rename-input"
              value={draftName}
              autoFocus
              disabled={saving}
              invalid={Boolean(error)}
              maxLength={100}
              onChange={(event) => setDraftName(event.target.value)}
              onKeyDown={onKeyDown}
              onBlur={() => void commit()}
            />
            {error && <FieldErrors errors={[error]} />}
          </div>
        )}
      </td>
      <td className="max-w-0 py-2.5 pr-4 text-slate-500">
        <span className="block truncate" title={pipeline.description || undefined}>
          {pipeline.description || <span className="text-slate-300">—</span>}
        </span>
      </td>
      <td className="py-2.5 pr-4 text-right text-slate-600" data-testid="pipeline-version">
        v{pipeline.version}
      </td>
      <td className="py-2.5 pr-4 text-right text-slate-600" data-testid="pipeline-node-count">
        {pipeline.nodeCount}
      </td>
      <td className="py-2.5 pr-4 whitespace-nowrap text-slate-500">
        <time dateTime={pipeline.updatedAt} title={formatTimestamp(pipeline.updatedAt)}>
          {formatRelativeTime(pipeline.updatedAt, now)}
        </time>
      </td>
      <td className="py-2.5 pr-3">
        <div className="flex items-center justify-end gap-0.5">
          <IconButton label={`Rename ${pipeline.name}`} icon={<Pencil />} onClick={() => setDraftName(pipeline.name)} />
          <IconButton label={`Delete ${pipeline.name}`} icon={<Trash2 />} tone="danger" onClick={() => onDelete(pipeline)} />
          <Link
            href={href}
            aria-label={`Open ${pipeline.name}`}
            className="ml-1 inline-flex h-7 items-center gap-1 rounded-md px-2 text-xs font-medium text-indigo-700 hover:bg-indigo-50"
          >
            Open
            <ArrowRight className="size-3.5" aria-hidden="true" />
          </Link>
        </div>
      </td>
    </tr>
  );
}
