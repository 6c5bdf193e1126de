import { formatType, T, type RecordType, type RowField, type Type } from "../expr";
import { flinkIdentifier as q } from "../expr/compile-flink-sql";

/*
 * Small pieces of Flink SQL text shared by the compiler and the operators'
 * lowerings: types, intervals, epoch milliseconds, select lists.
 */

/** The time attribute column every append-only relation carries. */
export const TS = "__ts";

/** What flows out of a node, as a Flink relation. */
export type Relation = {
  name: string;
  columns: RowField[];
  /** True when the relation carries the `__ts` event-time attribute (append-only, watermarked). */
  timed: boolean;
  /** Set when the relation is an updating result: the columns that key the updates. */
  upsertKey: string[] | null;
  /** JSON sources whose undeclared fields the embedded engine would carry through to here. */
  openFrom: Set<string>;
  /**
   * True when the relation carries where each record came from (`__topic`,
   * `__partition`, `__offset`, see {@link ORIGIN}), for the headers of its dead letters.
   */
  origin?: boolean;
};

/** The columns that say where a record came from, carried from the sources through the stateless operators. */
export const ORIGIN = ["__topic", "__partition", "__offset"] as const;

/** The origin columns of a relation, quoted, or none. */
export function originList(input: Pick<Relation, "origin">): string[] {
  return input.origin ? ORIGIN.map(q) : [];
}

/** The `WITH (...)` options of a table, one per line. */
export function withOptions(options: string[]): string {
  return options.map((o) => `  ${o}`).join(",\n");
}

/** The select list that passes a relation's columns (and its time attribute) through. */
export function selectList(input: Relation): string {
  return [...input.columns.map((c) => q(c.name)), ...originList(input), ...(input.timed ? [q(TS)] : [])].join(", ");
}

/**
 * A Flink interval literal for a number of milliseconds. Whole seconds up to
 * 99 use the short form; anything else the day-time form, whose default
 * precisions (2 digits of seconds, none of fractions) would reject it otherwise.
 */
export function interval(ms: number): string {
  if (ms % 1000 === 0 && ms < 100_000) return `INTERVAL '${ms / 1000}' SECOND`;
  const pad = (n: number, width = 2) => String(n).padStart(width, "0");
  const days = Math.floor(ms / 86_400_000);
  const hours = Math.floor(ms / 3_600_000) % 24;
  const minutes = Math.floor(ms / 60_000) % 60;
  const seconds = Math.floor(ms / 1000) % 60;
  return `INTERVAL '${days} ${pad(hours)}:${pad(minutes)}:${pad(seconds)}.${pad(ms % 1000, 3)}' DAY(3) TO SECOND(3)`;
}

/** Epoch milliseconds of a TIMESTAMP(3) in UTC (the session time zone): Flink has no direct cast to BIGINT. */
export function epochMillis(column: string): string {
  return `(CAST(TIMESTAMPDIFF(SECOND, TIMESTAMP '1970-01-01 00:00:00', ${q(column)}) AS BIGINT) * 1000 + MOD(EXTRACT(MILLISECOND FROM ${q(column)}), 1000))`;
}

/** A column type Flink accepts: ANY and NULL (unknown until run time) become STRING, as a JSON field without hints does. */
export function concrete(type: Type): Type {
  switch (type.kind) {
    case "ANY":
    case "NULL":
      return T.string;
    case "ARRAY":
      return T.array(concrete(type.element));
    case "ROW":
      return { kind: "ROW", fields: type.fields.map((f) => ({ name: f.name, type: concrete(f.type) })), open: false };
    default:
      return type;
  }
}

/** The Flink SQL type of a column. */
export function flinkType(type: Type): string {
  const t = concrete(type);
  if (t.kind === "ROW") return `ROW<${t.fields.map((f) => `${q(f.name)} ${flinkType(f.type)}`).join(", ")}>`;
  if (t.kind === "ARRAY") return `ARRAY<${flinkType(t.element)}>`;
  return formatType(t);
}

/** The type of a (nested) column path of a row; undefined when there is no such column. */
export function pathType(row: RecordType, path: string[]): Type | undefined {
  let current: Type = row;
  for (const segment of path) {
    if (current.kind !== "ROW") return undefined;
    const field: RowField | undefined = current.fields.find((f) => f.name === segment);
    if (!field) return undefined;
    current = field.type;
  }
  return current;
}

/** The columns of a relation as a row type. */
export function rowOf(columns: RowField[]): RecordType {
  return T.row(Object.fromEntries(columns.map((c) => [c.name, c.type])));
}

/** The columns of a relation as people read them in a problem message. */
export function describeColumns(columns: RowField[]): string {
  return columns.map((c) => `${c.name} ${flinkType(c.type)}`).join(", ") || "no fields";
}
