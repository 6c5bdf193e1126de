"use client";

import clsx from "clsx";
import { Activity, ArrowRight, Pencil, Trash2 } from "lucide-react";
import Link from "next/link";
import { useCanEdit } from "@/components/auth/SessionProvider";
import { useState, type KeyboardEvent } from "react";
import { renamePipeline } from "@/lib/client/api/pipelines";
import { pipelineName } from "@/lib/schemas/pipelines";
import { type DashboardRow } from "@/lib/client/api/dashboard";
import { formatRelativeTime, formatTimestamp } from "@/lib/client/format-relative-time";
import { formatNumber, formatRate } from "@/lib/client/format-live";
import { Sparkline } from "@/components/ui/Sparkline";
import { StatusPill } from "@/components/live/StatusPill";
import { FieldErrors } from "@/components/ui/FormField";
import { IconButton } from "@/components/ui/IconButton";
import { TextInput } from "@/components/ui/TextInput";
import { rowFigures } from "./dashboard-figures";
import { RowDeployButton } from "./RowDeployButton";

type PipelineRowProps = {
  row: DashboardRow;
  now: number;
  onRenamed: (id: string, name: string, updatedAt: string) => void;
  onDelete: (row: DashboardRow) => void;
  onStop: (row: DashboardRow) => void;
  /** A deploy from the row was accepted: time to poll. */
  onDeployed: () => void;
};

const dash = <span className="text-slate-300">—</span>;

/**
 * One pipeline on the dashboard: name, status, what flows through it now, and what runs
 * against what is saved, with its actions. Renamed in place: Enter saves, Escape cancels.
 */
export function PipelineRow({ row, now, onRenamed, onDelete, onStop, onDeployed }: PipelineRowProps) {
  const canEdit = useCanEdit();
  const [draftName, setDraftName] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const href = `/pipelines/${encodeURIComponent(row.id)}`;
  const figures = rowFigures(row);
  const { deployment } = row;

  function cancel() {
    setDraftName(null);
    setError(null);
  }

  async function commit() {
    if (draftName === null || saving) return;
    const check = pipelineName.safeParse(draftName);
    if (!check.success) return setError(check.error.issues[0]?.message ?? "Invalid name");
    const name = check.data;
    if (name === row.name) return cancel();
    setSaving(true);
    try {
      const renamed = await renamePipeline(row.id, { name });
      onRenamed(row.id, renamed.name, renamed.updatedAt);
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
    <tr
      data-testid="pipeline-row"
      data-pipeline-id={row.id}
      data-status={deployment?.status ?? "not-deployed"}
      className="group border-t border-slate-100 first:border-t-0 hover:bg-slate-50/80"
    >
      <td className="py-2.5 pr-4 pl-4 align-middle">
        {draftName === null ? (
          <div className="min-w-0">
            <Link href={href} data-testid="pipeline-name" className="block truncate font-medium text-slate-900 hover:text-indigo-700 hover:underline">
              {row.name}
            </Link>
            <p className="truncate text-xs text-slate-500" title={row.description || undefined}>
              {row.description || <span className="text-slate-500">No description</span>}
            </p>
          </div>
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
      <td className="py-2.5 pr-4">
        <StatusPill status={deployment?.status ?? null} error={deployment?.error} runtime={deployment?.runtime} />
      </td>
      <td className="py-2.5 pr-4">
        <div className="flex items-center justify-end gap-3">
          <span className="text-right text-slate-800 tabular-nums" data-testid="pipeline-rate" data-rate={figures.rate ?? undefined}>
            {figures.rate === null ? dash : formatRate(figures.rate)}
          </span>
          <Sparkline values={figures.trend} label={`${row.name}: records read per second, last minutes`} width={88} height={24} className="max-xl:hidden" />
        </div>
      </td>
      <td className="py-2.5 pr-4 text-right text-slate-700 tabular-nums" data-testid="pipeline-lag">
        {figures.lag === null ? dash : formatNumber(figures.lag)}
      </td>
      <td
        className={clsx("py-2.5 pr-4 text-right tabular-nums", figures.errors ? "font-semibold text-red-600" : "text-slate-700")}
        data-testid="pipeline-errors"
      >
        {figures.errors === null ? dash : formatNumber(figures.errors)}
      </td>
      <td className="py-2.5 pr-4 whitespace-nowrap">
        {deployment ? (
          <>
            <span className="text-slate-800 tabular-nums" data-testid="pipeline-deployed-version">
              v{deployment.version}
            </span>
            {deployment.version < row.version && (
              <span className="ml-1.5 rounded bg-indigo-50 px-1 text-[11px] font-medium text-indigo-700" title={`v${row.version} is saved but not deployed`}>
                v{row.version} saved
              </span>
            )}
            <time dateTime={deployment.createdAt} title={formatTimestamp(deployment.createdAt)} className="block text-xs text-slate-500">
              {formatRelativeTime(deployment.createdAt, now)}
            </time>
          </>
        ) : (
          <span className="text-xs text-slate-500">Never deployed</span>
        )}
      </td>
      <td className="py-2.5 pr-4 whitespace-nowrap">
        <span className="text-slate-800 tabular-nums" data-testid="pipeline-version">
          v{row.version}
        </span>
        <span className="ml-1.5 text-xs text-slate-500">
          <span data-testid="pipeline-node-count">{row.nodeCount}</span> {row.nodeCount === 1 ? "node" : "nodes"}
        </span>
        <time dateTime={row.updatedAt} title={formatTimestamp(row.updatedAt)} className="block text-xs text-slate-500">
          {formatRelativeTime(row.updatedAt, now)}
        </time>
      </td>
      <td className="py-2.5 pr-3">
        <div className="flex items-center justify-end gap-0.5">
          {canEdit && <RowDeployButton row={row} onStop={onStop} onDeployed={onDeployed} />}
          <Link
            href={`${href}/monitor`}
            aria-label={`Monitor ${row.name}`}
            title="Monitor"
            className="ml-1 inline-flex size-7 items-center justify-center rounded-md text-slate-500 hover:bg-slate-100 hover:text-slate-900 [&_svg]:size-4"
            data-testid="row-monitor"
          >
            <Activity aria-hidden="true" />
          </Link>
          {canEdit && (
            <>
              <IconButton label={`Rename ${row.name}`} icon={<Pencil />} onClick={() => setDraftName(row.name)} />
              <IconButton label={`Delete ${row.name}`} icon={<Trash2 />} tone="danger" onClick={() => onDelete(row)} />
            </>
          )}
          <Link
            href={href}
            aria-label={`Open ${row.name}`}
            className="ml-1 inline-flex h-7 items-center gap-1 rounded-md px-2 text-xs font-medium text-indigo-700 hover:bg-indigo-50"
          >
            <span className="max-xl:sr-only">Open</span>
            <ArrowRight className="size-3.5" aria-hidden="true" />
          </Link>
        </div>
      </td>
    </tr>
  );
}
