"use client";

import clsx from "clsx";
import type { TextSegment } from "./text-diff";
import type { NodeChangeRow, VersionDiffView } from "./version-diff-marks";

const markStyles: Record<NodeChangeRow["mark"], { label: string; className: string }> = {
  added: { label: "Added", className: "border-emerald-200 bg-emerald-50 text-emerald-800" },
  removed: { label: "Removed", className: "border-red-200 bg-red-50 text-red-800" },
  changed: { label: "Changed", className: "border-amber-200 bg-amber-50 text-amber-800" },
};

/** The diff's changes node by node beside the canvas, each changed field with its old and new value. */
export function DiffChangesList({ diff }: { diff: VersionDiffView }) {
  return (
    <section className="w-[320px] shrink-0 overflow-y-auto border-l border-slate-200 bg-white" aria-label="Changes, node by node" data-testid="diff-changes">
      <h3 className="border-b border-slate-100 px-3 py-2 text-xs font-semibold tracking-wide text-slate-500 uppercase">Changes</h3>
      {diff.changes.length === 0 && <p className="px-3 py-3 text-sm text-slate-500">No node was added, removed or changed.</p>}
      <ul className="divide-y divide-slate-100">
        {diff.changes.map((change) => (
          <li key={`${change.mark}:${change.nodeId}`} className="px-3 py-2.5" data-testid="diff-change" data-node-id={change.nodeId} data-mark={change.mark}>
            <div className="flex items-center gap-2">
              <span className={clsx("rounded border px-1.5 text-[11px] font-medium", markStyles[change.mark].className)}>{markStyles[change.mark].label}</span>
              <span className="min-w-0 truncate text-sm font-medium text-slate-900">{change.label}</span>
              <span className="ml-auto shrink-0 font-mono text-[11px] text-slate-500">{change.type}</span>
            </div>
            {change.fields.length > 0 && (
              <dl className="mt-1.5 space-y-1.5">
                {change.fields.map((field) => (
                  <div key={field.field} data-testid="diff-field" data-field={field.field}>
                    <dt className="font-mono text-[11px] text-slate-500">{field.field}</dt>
                    <dd className="mt-0.5 rounded bg-slate-50 px-1.5 py-1 font-mono text-xs break-all text-slate-800">
                      {field.segments ? <Segments segments={field.segments} /> : <BeforeAfter before={field.before} after={field.after} />}
                    </dd>
                  </div>
                ))}
              </dl>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

function Segments({ segments }: { segments: TextSegment[] }) {
  return (
    <>
      {segments.map((segment, index) =>
        segment.kind === "same" ? (
          <span key={index}>{segment.text}</span>
        ) : segment.kind === "removed" ? (
          <del key={index} className="bg-red-100 text-red-800" aria-label={`removed: ${segment.text}`}>
            {segment.text}
          </del>
        ) : (
          <ins key={index} className="bg-emerald-100 text-emerald-800 no-underline" aria-label={`added: ${segment.text}`}>
            {segment.text}
          </ins>
        ),
      )}
    </>
  );
}

function BeforeAfter({ before, after }: { before: string; after: string }) {
  return (
    <>
      <del className="bg-red-100 text-red-800">{before}</del>
      <span className="px-1 text-slate-500" aria-label="becomes">
        →
      </span>
      <ins className="bg-emerald-100 text-emerald-800 no-underline">{after}</ins>
    </>
  );
}
