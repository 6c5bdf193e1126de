import type { InferredField, InferredSchema } from "./infer-schema";

/*
 * Suggestions from a sample of records, without AI: which fields make good
 * keys (by cardinality and presence), which hold event time (epoch
 * milliseconds or ISO-8601 in a plausible range, near-monotonic), and which
 * fields of two samples join (by name, type and overlapping values). Pure:
 * the caller reads the sample.
 */

/** A field suggested as a key. */
export type KeyCandidate = { field: string; type: string; distinct: number; presence: number; reason: string };

/** A field suggested as event time, with the source's matching time format. */
export type EventTimeCandidate = { field: string; format: "epoch-millis" | "iso-8601"; monotonic: number; reason: string };

/** A left/right field pair suggested as a join key. */
export type JoinKeyPair = { left: string; right: string; overlap: number; reason: string };

/** What a sample suggests; `values` (a few distinct values per scalar field) lets two samples be compared for joins. */
export type SampleSuggestions = {
  /** Grouping keys (reduce): present, repeated values, more than one of them. */
  groupKeys: KeyCandidate[];
  /** Identity keys (deduplicate, join): present, nearly unique per record. */
  identityKeys: KeyCandidate[];
  eventTime: EventTimeCandidate[];
  values: Record<string, { type: string; values: string[] }>;
};

/** Distinct values kept per field for join overlap. */
export const overlapValueCap = 200;
/** A key must be carried by at least this share of records. */
const minPresence = 0.9;
/** Epoch milliseconds between 2000-01-01 and 2100-01-01. */
const epochMillisRange = [946_684_800_000, 4_102_444_800_000] as const;
const isoPattern = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/;

/**
 * Suggestions for the fields of one sample. `values` are the decoded records
 * the schema was inferred from, in the order read (partition by partition,
 * oldest first), which monotonicity is measured in.
 */
export function suggestFromSample(values: readonly unknown[], schema: InferredSchema): SampleSuggestions {
  const records = values.filter(isRecord);
  const scalars = scalarFields(schema.fields);
  const count = records.length;
  const groupKeys: KeyCandidate[] = [];
  const identityKeys: KeyCandidate[] = [];
  const eventTime: EventTimeCandidate[] = [];
  const sets: SampleSuggestions["values"] = {};
  for (const field of scalars) {
    const column = records.map((record) => readPath(record, field.path));
    const kind = field.type.kind;
    const type = kind === "INT" || kind === "BIGINT" || kind === "DOUBLE" ? "number" : kind === "STRING" ? "string" : kind.toLowerCase();
    sets[field.path] = { type, values: [...new Set(column.filter((value) => value !== null && value !== undefined).map(String))].slice(0, overlapValueCap) };
    if (count === 0 || field.mixed || field.presence < minPresence) continue;
    const carried = Math.max(1, Math.round(field.presence * count) - (field.kinds.null ?? 0));
    const ratio = field.distinct / carried;
    const candidate = { field: field.path, type, distinct: field.distinct, presence: field.presence };
    const seen = `${field.distinctCapped ? "≥" : ""}${field.distinct} distinct in ${count} records, ${Math.round(field.presence * 100)}% present`;
    if (kind !== "DOUBLE" && field.distinct >= 2 && ratio <= 0.5) groupKeys.push({ ...candidate, reason: `${seen}: values repeat` });
    if (kind !== "DOUBLE" && kind !== "BOOLEAN" && ratio >= 0.9 && count >= 2) identityKeys.push({ ...candidate, reason: `${seen}: nearly unique` });
    const time = timeFormatOf(column);
    if (time) {
      const monotonic = monotonicShare(column.map((value) => (time === "iso-8601" ? Date.parse(String(value)) : Number(value))));
      if (monotonic >= 0.8) {
        eventTime.push({ field: field.path, format: time, monotonic, reason: `${time === "epoch-millis" ? "epoch milliseconds" : "ISO-8601 times"}, ${Math.round(monotonic * 100)}% in order` });
      }
    }
  }
  groupKeys.sort((a, b) => b.presence - a.presence || a.distinct - b.distinct);
  identityKeys.sort((a, b) => idScore(b.field) - idScore(a.field) || b.distinct - a.distinct);
  eventTime.sort((a, b) => b.monotonic - a.monotonic);
  return { groupKeys, identityKeys, eventTime, values: sets };
}

/**
 * Join key pairs between two samples: fields of the same kind whose names
 * match (equal, or one is the other with an `_id`/`Id` suffix such as
 * `order_id` and `id`) or whose values overlap. Best first.
 */
export function suggestJoinKeys(left: SampleSuggestions["values"], right: SampleSuggestions["values"]): JoinKeyPair[] {
  const pairs: (JoinKeyPair & { score: number })[] = [];
  for (const [leftField, l] of Object.entries(left)) {
    for (const [rightField, r] of Object.entries(right)) {
      if (l.type !== r.type || l.type === "boolean") continue;
      const names = nameMatch(leftField, rightField);
      const overlap = overlapOf(l.values, r.values);
      if (names === 0 && overlap < 0.2) continue;
      const reasons = [names === 1 ? "same name" : names > 0 ? "matching names" : null, overlap > 0 ? `${Math.round(overlap * 100)}% of values shared` : null].filter(Boolean);
      // A field with few values (a country, a status) shares them with anything: it is rarely the join key.
      const variety = Math.min(1, Math.min(l.values.length, r.values.length) / 10);
      pairs.push({ left: leftField, right: rightField, overlap, reason: reasons.join(", "), score: (names + overlap * 2) * variety });
    }
  }
  return pairs.sort((a, b) => b.score - a.score).slice(0, 5).map(({ score: _score, ...pair }) => pair);
}

function scalarFields(fields: readonly InferredField[]): InferredField[] {
  return fields.flatMap((field) => {
    if (field.fields && field.type.kind === "ROW") return scalarFields(field.fields);
    return ["STRING", "INT", "BIGINT", "DOUBLE", "BOOLEAN"].includes(field.type.kind) ? [field] : [];
  });
}

function timeFormatOf(column: readonly unknown[]): EventTimeCandidate["format"] | null {
  const present = column.filter((value) => value !== null && value !== undefined);
  if (present.length < 2) return null;
  if (present.every((value) => typeof value === "number" && Number.isInteger(value) && value >= epochMillisRange[0] && value <= epochMillisRange[1])) return "epoch-millis";
  if (present.every((value) => typeof value === "string" && isoPattern.test(value) && !Number.isNaN(Date.parse(value)))) return "iso-8601";
  return null;
}

/** The share of consecutive pairs (of present values) that do not go back in time. */
function monotonicShare(times: readonly number[]): number {
  const present = times.filter((time) => Number.isFinite(time));
  if (present.length < 2) return 0;
  let ordered = 0;
  for (let i = 1; i < present.length; i++) if (present[i]! >= present[i - 1]!) ordered++;
  return ordered / (present.length - 1);
}

function overlapOf(a: readonly string[], b: readonly string[]): number {
  if (a.length === 0 || b.length === 0) return 0;
  const other = new Set(b);
  const shared = a.filter((value) => other.has(value)).length;
  return shared / Math.min(a.length, b.length);
}

/** 1 for the same name (case and `_` aside), 0.7 when one is the other plus an id suffix, else 0. */
function nameMatch(a: string, b: string): number {
  const norm = (name: string) => name.split(".").pop()!.toLowerCase().replaceAll("_", "");
  const x = norm(a);
  const y = norm(b);
  if (x === y) return 1;
  if ((x.endsWith("id") || y.endsWith("id")) && (x === `${y.replace(/id$/, "")}id` || x.endsWith(y) || y.endsWith(x))) return 0.7;
  return 0;
}

function idScore(name: string): number {
  return /(^|[._])(id|key|uuid)$|Id$/.test(name) ? 1 : 0;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function readPath(record: Record<string, unknown>, path: string): unknown {
  let current: unknown = record;
  for (const part of path.split(".")) {
    if (!isRecord(current)) return undefined;
    current = current[part];
  }
  return current;
}
