"use client";

import { Pin, RefreshCw, TriangleAlert } from "lucide-react";
import type { PinnedSchema } from "@/engine/schema/pinned-schema";
import type { SampledFieldView } from "@/lib/client/api/schema";
import { useCanvasTypes, useSourceSample } from "@/components/graph/canvas-types";
import { Button } from "@/components/ui/Button";
import { IconButton } from "@/components/ui/IconButton";
import type { FieldErrorLookup } from "./field-problems";
import { PinnedSchemaEditor } from "./PinnedSchemaEditor";
import { useInspectorReadOnly } from "./read-only-context";

type SourceSchemaPanelProps = {
  nodeId: string;
  data: Record<string, unknown>;
  errors: FieldErrorLookup;
  onChange: (key: string, value: unknown, field?: string) => void;
};

/**
 * A source's schema in the inspector: the fields inferred from the topic's
 * latest records (type, presence, examples, distinct values, mixed kinds
 * reported), event-time suggestions, and the schema pinned into the
 * document, which types the source's records for the checker.
 */
export function SourceSchemaPanel({ nodeId, data, errors, onChange }: SourceSchemaPanelProps) {
  const sample = useSourceSample(nodeId);
  const { refresh } = useCanvasTypes();
  const readOnly = useInspectorReadOnly();
  const pinned = isPinned(data.pinnedSchema) ? data.pinnedSchema : null;
  const schema = sample?.state === "ready" ? sample.schema : null;

  function pin() {
    if (!schema) return;
    const pinnedSchema: PinnedSchema = {
      fields: schema.fields.map((field) => ({ name: field.name, type: field.type, ...(field.presence === 1 && !field.nullable ? { required: true } : {}) })),
    };
    onChange("pinnedSchema", pinnedSchema);
  }

  return (
    <section className="border-t border-slate-200 px-4 py-4" aria-labelledby={`${nodeId}-schema-heading`} data-testid="source-schema-panel">
      <div className="flex items-center justify-between gap-2">
        <h3 id={`${nodeId}-schema-heading`} className="text-xs font-semibold text-slate-900">
          Sampled schema
        </h3>
        {!readOnly && <IconButton label="Sample the topic again" icon={<RefreshCw />} onClick={() => refresh(nodeId)} data-testid="resample-schema" />}
      </div>
      {!sample && <p className="mt-1 text-xs leading-5 text-slate-500">Set a topic to infer its fields from its latest records.</p>}
      {sample?.state === "loading" && <p className="mt-1 text-xs leading-5 text-slate-500">Reading the latest records…</p>}
      {sample?.state === "error" && <p className="mt-1 text-xs leading-5 text-red-700">Could not sample the topic: {sample.message}</p>}
      {schema && schema.sampled === 0 && (
        <p className="mt-1 text-xs leading-5 text-slate-500" data-testid="schema-empty">
          The topic '{schema.topic}' has no records yet, so there are no fields to infer. Produce some, then sample again.
        </p>
      )}
      {schema && schema.sampled > 0 && (
        <>
          <p className="mt-1 text-xs leading-5 text-slate-500">
            From the latest {schema.sampled} records of '{schema.topic}'
            {schema.notObjects > 0 ? `; ${schema.notObjects} were not JSON objects` : ""}
            {schema.undecodable > 0 ? `; ${schema.undecodable} did not decode` : ""}.
          </p>
          <ul className="mt-2 flex flex-col divide-y divide-slate-100 rounded-md border border-slate-200" data-testid="sampled-fields">
            {schema.fields.map((field) => (
              <SampledField key={field.path} field={field} depth={0} />
            ))}
          </ul>
          {schema.suggestions.eventTime.length > 0 && data.format === "json" && (
            <div className="mt-3">
              <p className="text-[11px] font-medium text-slate-700">Event time candidates</p>
              <div className="mt-1 flex flex-wrap gap-1.5">
                {schema.suggestions.eventTime.map((candidate) => (
                  <button
                    key={candidate.field}
                    type="button"
                    disabled={readOnly}
                    className="rounded-full border border-indigo-200 bg-indigo-50 px-2 py-0.5 font-mono text-[11px] text-indigo-800 hover:bg-indigo-100 disabled:opacity-60"
                    title={candidate.reason}
                    data-testid="suggest-time-field"
                    onClick={() => {
                      onChange("timeField", candidate.field);
                      onChange("timeFormat", candidate.format === "iso-8601" ? "iso-8601" : undefined);
                    }}
                  >
                    {candidate.field} · {candidate.format === "iso-8601" ? "ISO-8601" : "epoch ms"}
                  </button>
                ))}
              </div>
            </div>
          )}
          {!pinned && !readOnly && data.format === "json" && (
            <div className="mt-3 flex items-start gap-2">
              <Button size="sm" icon={<Pin />} onClick={pin} data-testid="pin-schema">
                Pin this schema
              </Button>
              <p className="text-[11px] leading-4 text-slate-500">Type the records by these fields, so a misspelt field is caught while editing.</p>
            </div>
          )}
        </>
      )}
      {pinned && <PinnedSchemaEditor schema={pinned} errors={errors} onChange={(value, field) => onChange("pinnedSchema", value, field)} />}
    </section>
  );
}

function SampledField({ field, depth }: { field: SampledFieldView; depth: number }) {
  const kinds = Object.entries(field.kinds)
    .map(([kind, count]) => `${kind} ${count}`)
    .join(", ");
  const examples = field.examples.map((value) => (typeof value === "string" ? `'${value}'` : JSON.stringify(value))).join(", ");
  const children = field.fields ?? field.element?.fields ?? [];
  return (
    <li className="px-2.5 py-1.5 text-xs" data-testid="sampled-field" data-field={field.path}>
      <div className="flex items-baseline gap-2 font-mono" style={{ paddingLeft: depth * 12 }}>
        <span className="min-w-0 truncate text-slate-800">{field.name}</span>
        <span className="min-w-0 truncate text-[11px] text-slate-500" title={field.type}>
          {field.mixed ? "ANY" : field.type}
        </span>
        <span className="ml-auto shrink-0 text-[11px] text-slate-500 tabular-nums" title="Share of records that carry the field">
          {Math.round(field.presence * 100)}%
        </span>
      </div>
      <div className="mt-0.5 truncate text-[11px] text-slate-500" style={{ paddingLeft: depth * 12 }} title={`${examples} · ${field.distinct}${field.distinctCapped ? "+" : ""} distinct`}>
        {examples || "null only"} · {field.distinct}
        {field.distinctCapped ? "+" : ""} distinct{field.nullable ? " · nullable" : ""}
      </div>
      {field.mixed && (
        <p className="mt-0.5 flex items-center gap-1 text-[11px] text-amber-700" data-testid="mixed-field" style={{ paddingLeft: depth * 12 }}>
          <TriangleAlert className="size-3 shrink-0" aria-hidden="true" />
          Mixed kinds ({kinds}): typed ANY
        </p>
      )}
      {children.length > 0 && (
        <ul className="mt-1 flex flex-col">
          {children.map((child) => (
            <SampledField key={child.path} field={child} depth={depth + 1} />
          ))}
        </ul>
      )}
    </li>
  );
}

function isPinned(value: unknown): value is PinnedSchema {
  return typeof value === "object" && value !== null && Array.isArray((value as PinnedSchema).fields);
}
