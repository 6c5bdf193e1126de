import { MAX_INT, MIN_INT, T, type RecordType, type Type } from "../expr/types";

/** The JSON kinds a sampled value can have; integers are split by the expression types they fit. */
export type ValueKind = "null" | "boolean" | "int" | "bigint" | "double" | "string" | "object" | "array";

/** What the sample says about one field. */
export type InferredField = {
  name: string;
  /** Dotted path from the record (`customer.address.city`); `[]` marks array elements. */
  path: string;
  /** The expression type the field gets: ANY when its values have mixed kinds. */
  type: Type;
  /** How many sampled values had each kind (null included). */
  kinds: Partial<Record<ValueKind, number>>;
  /** True when values of incompatible kinds were seen (say strings and numbers): reported, typed ANY. */
  mixed: boolean;
  /** True when the field was null or missing in some record that carried its parent. */
  nullable: boolean;
  /** Share of the parent's records (0–1) that carried the field at all, null or not. */
  presence: number;
  /** Up to three distinct example values (strings cut to 80 characters). */
  examples: unknown[];
  /** Distinct non-null values seen (exact up to `distinctCap`, then a lower bound). */
  distinct: number;
  distinctCapped: boolean;
  /** An object field's fields. */
  fields?: InferredField[];
  /** An array field's elements, as one field named `[]`. */
  element?: InferredField;
};

export type InferredSchema = {
  /** Records in the sample. */
  sampled: number;
  /** Records that were not JSON objects (left out of the fields; say how the topic is not a record stream). */
  notObjects: number;
  fields: InferredField[];
  /** The record type for the type checker: closed when the sample had records, open (all ANY) when empty. */
  recordType: RecordType;
};

/** Distinct values tracked per field; past this the count is a lower bound. */
export const distinctCap = 1_000;

type Stats = {
  seen: number;
  kinds: Partial<Record<ValueKind, number>>;
  examples: unknown[];
  distinct: Set<string>;
  children: Map<string, Stats> | null;
  /** Records (objects) in which this object field was an object: the base of its children's presence. */
  objects: number;
  element: Stats | null;
  /** Array elements seen: the base of the element's presence. */
  elements: number;
};

const newStats = (): Stats => ({ seen: 0, kinds: {}, examples: [], distinct: new Set(), children: null, objects: 0, element: null, elements: 0 });

/**
 * Infers the schema of a topic from a sample of decoded record values: the
 * fields (nested objects and arrays too), their types, nullability, presence,
 * examples and distinct counts. Pure: the caller reads the sample. Mixed
 * kinds are reported on the field and typed ANY rather than hidden.
 */
export function inferSchema(values: readonly unknown[]): InferredSchema {
  const root = newStats();
  let notObjects = 0;
  for (const value of values) {
    if (kindOf(value) !== "object") {
      notObjects++;
      continue;
    }
    addObject(root, value as Record<string, unknown>);
  }
  const fields = root.children ? finishChildren(root, "") : [];
  const records = values.length - notObjects;
  return {
    sampled: values.length,
    notObjects,
    fields,
    recordType: records === 0 ? T.anyRecord() : T.row(Object.fromEntries(fields.map((field) => [field.name, field.type]))),
  };
}

function addObject(stats: Stats, object: Record<string, unknown>): void {
  stats.objects++;
  stats.children ??= new Map();
  for (const [name, value] of Object.entries(object)) {
    let child = stats.children.get(name);
    if (!child) stats.children.set(name, (child = newStats()));
    addValue(child, value);
  }
}

function addValue(stats: Stats, value: unknown): void {
  const kind = kindOf(value);
  stats.seen++;
  stats.kinds[kind] = (stats.kinds[kind] ?? 0) + 1;
  if (kind === "object") return addObject(stats, value as Record<string, unknown>);
  if (kind === "array") {
    stats.element ??= newStats();
    for (const element of value as unknown[]) {
      stats.elements++;
      addValue(stats.element, element);
    }
    return;
  }
  if (kind === "null") return;
  const key = typeof value === "string" ? `s${value}` : String(value);
  if (stats.distinct.size < distinctCap) stats.distinct.add(key);
  if (stats.examples.length < 3 && !stats.examples.includes(value)) stats.examples.push(typeof value === "string" && value.length > 80 ? `${value.slice(0, 80)}…` : value);
}

function kindOf(value: unknown): ValueKind {
  if (value === null || value === undefined) return "null";
  if (typeof value === "boolean") return "boolean";
  if (typeof value === "number") return Number.isInteger(value) ? (value >= MIN_INT && value <= MAX_INT ? "int" : "bigint") : "double";
  if (typeof value === "string") return "string";
  if (Array.isArray(value)) return "array";
  return typeof value === "object" ? "object" : "string";
}

function finishChildren(stats: Stats, prefix: string): InferredField[] {
  return [...stats.children!.entries()].map(([name, child]) => finish(child, name, `${prefix}${name}`, stats.objects));
}

function finish(stats: Stats, name: string, path: string, parentCount: number): InferredField {
  const fields = stats.children ? finishChildren(stats, `${path}.`) : undefined;
  const element = stats.element ? finish(stats.element, "[]", `${path}[]`, stats.elements) : undefined;
  const { type, mixed } = typeOf(stats.kinds, fields, element);
  return {
    name,
    path,
    type,
    kinds: stats.kinds,
    mixed,
    nullable: (stats.kinds.null ?? 0) > 0 || stats.seen < parentCount,
    presence: parentCount === 0 ? 0 : stats.seen / parentCount,
    examples: stats.examples,
    distinct: stats.distinct.size,
    distinctCapped: stats.distinct.size >= distinctCap,
    ...(fields ? { fields } : {}),
    ...(element ? { element } : {}),
  };
}

/** Numbers widen (INT → BIGINT → DOUBLE); any other mix is ANY and reported as mixed. */
function typeOf(kinds: Partial<Record<ValueKind, number>>, fields: InferredField[] | undefined, element: InferredField | undefined): { type: Type; mixed: boolean } {
  const present = (Object.keys(kinds) as ValueKind[]).filter((kind) => kind !== "null");
  if (present.length === 0) return { type: T.null, mixed: false };
  const numeric = present.every((kind) => kind === "int" || kind === "bigint" || kind === "double");
  if (numeric) return { type: present.includes("double") ? T.double : present.includes("bigint") ? T.bigint : T.int, mixed: false };
  if (present.length > 1) return { type: T.any, mixed: true };
  switch (present[0]) {
    case "boolean":
      return { type: T.boolean, mixed: false };
    case "string":
      return { type: T.string, mixed: false };
    case "object":
      return { type: T.row(Object.fromEntries((fields ?? []).map((field) => [field.name, field.type]))), mixed: false };
    case "array":
      return { type: T.array(element?.type.kind === "NULL" || !element ? T.any : element.type), mixed: false };
    default:
      return { type: T.any, mixed: false };
  }
}
