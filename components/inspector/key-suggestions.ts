import type { FormFieldSpec, PipelineDocument } from "@/engine/graph";
import type { RecordType } from "@/engine/expr";
import { suggestJoinKeys, type JoinKeyPair, type KeyCandidate } from "@/engine/schema/suggest-fields";
import { nearestUpstream } from "@/engine/schema/upstream-source";
import type { SampledSchemaView } from "@/lib/schemas/topic-schema";

/** Suggestions for one form field of the node in the inspector, from its upstream sources' samples. */
export type KeySuggestion =
  /** Fields to add to a list of key fields (a reduce's group-by, a deduplicate's key). */
  | { kind: "list"; key: string; label: string; candidates: KeyCandidate[] }
  /** Left/right key pairs of a join. */
  | { kind: "join"; pairs: JoinKeyPair[] };

/**
 * What to suggest in a node's form, found through the form itself: a list of
 * grouping fields (`groupBy`) gets repeated, always-present fields; any other
 * list of key fields gets nearly unique ones; a pair of `leftKey`/`rightKey`
 * fields gets join key pairs from the samples upstream of each side. Fields
 * the node's (closed) input type does not have are left out, and so are those
 * already chosen.
 */
export function keySuggestionsFor(input: {
  form: readonly FormFieldSpec[];
  data: Readonly<Record<string, unknown>>;
  document: Pick<PipelineDocument, "edges">;
  nodeId: string;
  inputType: RecordType | null;
  samples: ReadonlyMap<string, SampledSchemaView>;
}): KeySuggestion[] {
  const { form, data, document, nodeId, inputType, samples } = input;
  const sampled = (id: string) => (samples.get(id)?.sampled ?? 0) > 0;
  const upstream = (handle?: string) => {
    const id = nearestUpstream(document, nodeId, sampled, handle);
    return id ? samples.get(id)! : null;
  };
  const known = (field: string) => !inputType || inputType.open || inputType.fields.some((candidate) => candidate.name === field.split(".")[0]);
  const found: KeySuggestion[] = [];
  for (const spec of form) {
    if (spec.kind !== "list") continue;
    const sample = upstream();
    if (!sample) continue;
    const chosen = Array.isArray(data[spec.key]) ? (data[spec.key] as unknown[]) : [];
    const pool = spec.key === "groupBy" ? sample.suggestions.groupKeys : sample.suggestions.identityKeys;
    const candidates = pool.filter((candidate) => known(candidate.field) && !chosen.includes(candidate.field)).slice(0, 5);
    if (candidates.length > 0) found.push({ kind: "list", key: spec.key, label: spec.label, candidates });
  }
  const keys = new Set(form.map((spec) => spec.key));
  if (keys.has("leftKey") && keys.has("rightKey")) {
    const left = upstream("left");
    const right = upstream("right");
    if (left && right) {
      const pairs = suggestJoinKeys(left.suggestions.values, right.suggestions.values);
      if (pairs.length > 0) found.push({ kind: "join", pairs });
    }
  }
  return found;
}
