"use client";

import { Lightbulb, TriangleAlert } from "lucide-react";
import { useMemo } from "react";
import { nodeTypes, type NodeTypeName, type PipelineDocument } from "@/engine/graph";
import type { RecordType } from "@/engine/expr";
import type { SampledSchemaView } from "@/lib/client/api/schema";
import { useCanvasTypes } from "@/components/graph/canvas-types";
import type { FieldErrorLookup } from "./field-problems";
import { keySuggestionsFor } from "./key-suggestions";
import { useInspectorReadOnly } from "./read-only-context";
import { SourceSchemaPanel } from "./SourceSchemaPanel";

type NodeSchemaPanelsProps = {
  node: { id: string; type: NodeTypeName; data: Record<string, unknown> };
  document: PipelineDocument;
  inputType: RecordType | null;
  errors: FieldErrorLookup;
  onChange: (key: string, value: unknown, field?: string) => void;
};

/**
 * What the topic samples say about the node in the inspector: a source's
 * sampled and pinned schema; the schema drift of a node whose expressions no
 * longer fit the latest records; clickable key suggestions for the nodes that
 * take key fields (group-by, deduplicate keys, join keys).
 */
export function NodeSchemaPanels({ node, document, inputType, errors, onChange }: NodeSchemaPanelsProps) {
  const description = nodeTypes[node.type];
  const { samples, drift } = useCanvasTypes();
  const readOnly = useInspectorReadOnly();
  const ready = useMemo(() => {
    const map = new Map<string, SampledSchemaView>();
    for (const [id, sample] of samples) if (sample.state === "ready") map.set(id, sample.schema);
    return map;
  }, [samples]);
  const suggestions = useMemo(
    () => (description.category === "source" ? [] : keySuggestionsFor({ form: description.form, data: node.data, document, nodeId: node.id, inputType, samples: ready })),
    [description, node.data, node.id, document, inputType, ready],
  );
  const ownDrift = drift.filter((item) => item.nodeId === node.id);

  return (
    <>
      {ownDrift.length > 0 && (
        <ul className="mx-4 mb-4 flex flex-col gap-1 rounded-md border border-amber-200 bg-amber-50 px-3 py-2" data-testid="schema-drift">
          {ownDrift.map((item) => (
            <li key={`${item.field}:${item.message}`} className="flex items-start gap-1.5 text-xs leading-4 text-amber-800">
              <TriangleAlert className="mt-px size-3 shrink-0" aria-hidden="true" />
              Schema drift: {item.message}
            </li>
          ))}
        </ul>
      )}
      {suggestions.length > 0 && !readOnly && (
        <section className="border-t border-slate-200 px-4 py-4" data-testid="key-suggestions">
          <h3 className="flex items-center gap-1.5 text-xs font-semibold text-slate-900">
            <Lightbulb className="size-3.5 text-amber-500" aria-hidden="true" />
            Suggested from the topic sample
          </h3>
          {suggestions.map((suggestion) =>
            suggestion.kind === "list" ? (
              <div key={suggestion.key} className="mt-2">
                <p className="text-[11px] text-slate-600">{suggestion.label}</p>
                <div className="mt-1 flex flex-wrap gap-1.5">
                  {suggestion.candidates.map((candidate) => (
                    <button
                      key={candidate.field}
                      type="button"
                      title={candidate.reason}
                      data-testid="suggested-key"
                      className="rounded-full border border-indigo-200 bg-indigo-50 px-2 py-0.5 font-mono text-[11px] text-indigo-800 hover:bg-indigo-100"
                      onClick={() => {
                        const current = Array.isArray(node.data[suggestion.key]) ? (node.data[suggestion.key] as string[]) : [];
                        onChange(suggestion.key, [...current, candidate.field]);
                      }}
                    >
                      + {candidate.field}
                    </button>
                  ))}
                </div>
              </div>
            ) : (
              <div key="join" className="mt-2">
                <p className="text-[11px] text-slate-600">Join keys (left = right)</p>
                <div className="mt-1 flex flex-wrap gap-1.5">
                  {suggestion.pairs.map((pair) => (
                    <button
                      key={`${pair.left}=${pair.right}`}
                      type="button"
                      title={pair.reason}
                      data-testid="suggested-join-key"
                      className="rounded-full border border-indigo-200 bg-indigo-50 px-2 py-0.5 font-mono text-[11px] text-indigo-800 hover:bg-indigo-100"
                      onClick={() => {
                        onChange("leftKey", pair.left);
                        onChange("rightKey", pair.right);
                      }}
                    >
                      {pair.left} = {pair.right}
                    </button>
                  ))}
                </div>
              </div>
            ),
          )}
        </section>
      )}
      {description.category === "source" && <SourceSchemaPanel nodeId={node.id} data={node.data} errors={errors} onChange={onChange} />}
    </>
  );
}
