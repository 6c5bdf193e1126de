"use client";

import clsx from "clsx";
import { Scissors } from "lucide-react";
import { memo, useState, type ReactNode } from "react";
import type { Sample } from "@/lib/client/use-live-telemetry";
import { formatRecordTime } from "@/lib/client/format-live";
import { JsonTree } from "./JsonTree";
import type { SampleEntry } from "./sample-entries";

export type SampleView = "json" | "table" | "raw";

/** Records drawn before "Show all": a screenful and then some, so a busy live tail stays cheap to redraw. */
const initialRecords = 20;

type SampleColumnProps = {
  /** "Input", "Output", "Written to Kafka". */
  title: string;
  entries: readonly SampleEntry[];
  /** How many records there were before the filter, for "12 of 50". */
  total: number;
  view: SampleView;
  /** Shown when there are no records at all. */
  emptyText: ReactNode;
  /** Shown when the filter hides every record. */
  filtered: boolean;
  "data-testid"?: string;
};

/** One side of the sample panel: a header with the count, then the records in the chosen view. */
export function SampleColumn({ title, entries, total, view, emptyText, filtered, "data-testid": testId }: SampleColumnProps) {
  const [showAll, setShowAll] = useState(false);
  const shown = showAll ? entries : entries.slice(0, initialRecords);
  return (
    <section className="flex min-h-0 min-w-0 flex-1 flex-col" aria-label={title} data-testid={testId}>
      <header className="flex h-8 shrink-0 items-center justify-between gap-2 border-b border-slate-200 bg-slate-50 px-3">
        <h3 className="text-[11px] font-semibold tracking-wide text-slate-600 uppercase">{title}</h3>
        <span className="text-[11px] text-slate-500 tabular-nums" data-testid="sample-count">
          {entries.length === total ? `${total} ${total === 1 ? "record" : "records"}` : `${entries.length} of ${total}`}
        </span>
      </header>
      <div className="min-h-0 flex-1 overflow-auto">
        {entries.length === 0 ? (
          <p className="px-4 py-8 text-center text-xs leading-5 text-slate-500">{filtered && total > 0 ? "No record matches the filter." : emptyText}</p>
        ) : view === "table" ? (
          <SampleTable samples={shown.map((entry) => entry.sample)} />
        ) : (
          <ol className="divide-y divide-slate-100">
            {shown.map((entry) => (
              <RecordItem key={entry.key} entry={entry} raw={view === "raw"} />
            ))}
          </ol>
        )}
        {shown.length < entries.length && (
          <div className="border-t border-slate-100 px-3 py-2 text-center">
            <button type="button" onClick={() => setShowAll(true)} className="rounded px-2 py-1 text-xs font-medium text-indigo-600 hover:bg-indigo-50">
              Show all {entries.length} records
            </button>
          </div>
        )}
      </div>
    </section>
  );
}

/** One record; rows of records already shown keep their content (and expanded nodes) when new ones arrive. */
const RecordItem = memo(
  function RecordItem({ entry, raw }: { entry: SampleEntry; raw: boolean }) {
    const { sample, json } = entry;
    return (
      <li className="px-3 py-2" data-testid="sample-record">
        <RecordHeader sample={sample} />
        {raw ? (
          <pre className="mt-1 font-mono text-[12px] leading-[18px] break-all whitespace-pre-wrap text-slate-800">{json}</pre>
        ) : (
          <div className="mt-0.5 pl-4">
            <JsonTree value={sample.fields} label={`Record at ${formatRecordTime(sample.timestamp)}`} compact />
          </div>
        )}
      </li>
    );
  },
  (before, after) => before.entry.key === after.entry.key && before.raw === after.raw,
);

function RecordHeader({ sample }: { sample: Sample }) {
  return (
    <div className="flex items-center gap-2 text-[11px] leading-4 text-slate-500 tabular-nums">
      <time dateTime={new Date(sample.timestamp).toISOString()} title={`Record timestamp ${new Date(sample.timestamp).toISOString()} · sampled ${formatRecordTime(sample.at)}`}>
        {formatRecordTime(sample.timestamp)}
      </time>
      {sample.truncated && (
        <span className="inline-flex items-center gap-1 rounded bg-slate-100 px-1 text-slate-600" title="The record was larger than 4,000 characters; only its start was kept">
          <Scissors className="size-3" aria-hidden="true" />
          truncated
        </span>
      )}
    </div>
  );
}

const maxColumns = 12;

/** The n8n "table" view: top-level fields as columns, nested values as compact JSON. */
function SampleTable({ samples }: { samples: readonly Sample[] }) {
  const columns: string[] = [];
  for (const sample of samples) {
    if (!isRecord(sample.fields)) continue;
    for (const key of Object.keys(sample.fields)) if (!columns.includes(key) && columns.length < maxColumns) columns.push(key);
  }
  return (
    <table className="min-w-full text-left font-mono text-[12px] leading-[18px]">
      <thead className="sticky top-0 bg-white shadow-[inset_0_-1px_0_var(--color-slate-200)]">
        <tr>
          <th scope="col" className="px-3 py-1.5 font-sans text-[11px] font-medium whitespace-nowrap text-slate-500">
            Time
          </th>
          {columns.length === 0 && (
            <th scope="col" className="px-3 py-1.5 font-sans text-[11px] font-medium text-slate-500">
              Value
            </th>
          )}
          {columns.map((column) => (
            <th key={column} scope="col" className="px-3 py-1.5 font-sans text-[11px] font-medium whitespace-nowrap text-slate-500">
              {column}
            </th>
          ))}
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {samples.map((sample, index) => (
          <tr key={`${sample.at}-${index}`} className="align-top hover:bg-slate-50">
            <td className="px-3 py-1 whitespace-nowrap text-slate-500 tabular-nums">{formatRecordTime(sample.timestamp)}</td>
            {columns.length === 0 && <td className="px-3 py-1">{cell(sample.fields)}</td>}
            {columns.map((column) => (
              <td key={column} className="max-w-64 truncate px-3 py-1" title={isRecord(sample.fields) ? JSON.stringify(sample.fields[column]) : undefined}>
                {isRecord(sample.fields) ? cell(sample.fields[column]) : null}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function cell(value: unknown): ReactNode {
  if (value === undefined) return <span className="text-slate-300">—</span>;
  if (value === null) return <span className="text-slate-500 italic">null</span>;
  if (typeof value === "string") return <span className="text-sky-800">{value}</span>;
  if (typeof value === "number") return <span className={clsx("text-indigo-600 tabular-nums")}>{value}</span>;
  if (typeof value === "boolean") return <span className="text-fuchsia-700">{String(value)}</span>;
  return <span className="text-slate-700">{JSON.stringify(value)}</span>;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
