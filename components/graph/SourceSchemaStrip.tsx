"use client";

import { Pin } from "lucide-react";
import { useSourceSample } from "./canvas-types";

/** How many fields the card lists before "+ n more". */
const shownFields = 4;

/**
 * A source card's compact schema: the first fields of the topic's latest
 * records with their types and presence, or what stands in the way (an empty
 * topic, records that are not JSON objects). Marked when the schema is pinned.
 */
export function SourceSchemaStrip({ nodeId, pinned }: { nodeId: string; pinned: boolean }) {
  const sample = useSourceSample(nodeId);
  if (!sample) return null;
  return (
    <div className="border-t border-slate-100 pt-1.5 pr-3 pb-2 pl-3.5" data-testid="source-schema">
      {sample.state === "loading" && <p className="text-[11px] leading-4 text-slate-500">Sampling the topic…</p>}
      {sample.state === "error" && <p className="truncate text-[11px] leading-4 text-slate-500" title={sample.message}>Schema not sampled</p>}
      {sample.state === "ready" && sample.schema.sampled === 0 && <p className="text-[11px] leading-4 text-slate-500">Empty topic: no records to infer fields from</p>}
      {sample.state === "ready" && sample.schema.sampled > 0 && (
        <>
          <ul className="flex flex-col font-mono text-[10.5px] leading-4">
            {sample.schema.fields.slice(0, shownFields).map((field) => (
              <li key={field.name} className="flex items-baseline gap-1.5" title={`${field.name} ${field.type} · in ${Math.round(field.presence * 100)}% of records`}>
                <span className="min-w-0 truncate text-slate-700">{field.name}</span>
                <span className={field.mixed ? "shrink-0 text-amber-700" : "shrink-0 text-slate-500"}>{field.mixed ? "mixed" : shortType(field.type)}</span>
                <span className="ml-auto shrink-0 text-slate-500 tabular-nums">{Math.round(field.presence * 100)}%</span>
              </li>
            ))}
          </ul>
          <p className="mt-0.5 flex items-center gap-1 text-[10.5px] leading-4 text-slate-500">
            {pinned && <Pin className="size-2.5 text-indigo-500" aria-label="Pinned" />}
            {sample.schema.fields.length > shownFields ? `+ ${sample.schema.fields.length - shownFields} more · ` : ""}
            {sample.schema.sampled} records sampled
          </p>
        </>
      )}
    </div>
  );
}

/** `ROW<…>` and `ARRAY<…>` shortened for the card; the inspector shows them whole. */
function shortType(type: string): string {
  if (type.startsWith("ROW<")) return "ROW";
  if (type.startsWith("ARRAY<")) return type.length > 14 ? "ARRAY" : type;
  return type.replace(/^DECIMAL\(.*\)$/, "DECIMAL");
}
