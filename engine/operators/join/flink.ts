import { T, type RowField, type Type } from "../../expr";
import { flinkIdentifier as q } from "../../expr/compile-flink-sql";
import type { FlinkPart } from "../../flink-sql/lowering";
import { flinkType, interval, pathType, rowOf, TS } from "../../flink-sql/sql";
import type { JoinData } from "./description";
import { lateRecordsWarning } from "../../flink-sql/dead-letters";

/** An interval join (`within` ms either way) of two append-only inputs with event time. */
export const joinFlink: FlinkPart<JoinData> = {
  supported: true,
  operatorPattern: /^IntervalJoin\[/,
  analyse: ({ data, inputs, use, holdWatermark }) => {
    const empty = { sources: new Set<string>(), known: new Set<string>(), upstream: new Set<string>() };
    const left = inputs("left")[0] ?? empty;
    const right = inputs("right")[0] ?? empty;
    use(left, data.leftKey.split("."), null);
    use(right, data.rightKey.split("."), null);
    holdWatermark(left, data.allowedLateness ?? 0);
    holdWatermark(right, data.allowedLateness ?? 0);
    const known = new Set([...left.known, ...right.known, ...[...right.known].map((n) => `right_${n}`)]);
    return { sources: new Set([...left.sources, ...right.sources]), known, upstream: new Set([...left.upstream, ...right.upstream]) };
  },
  lower: ({ data, input, view, problem, warn }) => {
    warn(lateRecordsWarning, "allowedLateness");
    const left = input("left");
    const right = input("right");
    for (const [side, relation] of [["left", left], ["right", right]] as const) {
      if (!relation.timed || relation.upsertKey) {
        throw problem(`the ${side} input is an updating result (a reduce without a window); Flink's interval join needs append-only inputs with event time`);
      }
    }
    const leftKeyType = pathType(rowOf(left.columns), data.leftKey.split("."));
    const rightKeyType = pathType(rowOf(right.columns), data.rightKey.split("."));
    if (!leftKeyType) throw problem(`'${data.leftKey}' is not a field of the left input`, "leftKey");
    if (!rightKeyType) throw problem(`'${data.rightKey}' is not a field of the right input`, "rightKey");
    const leftNames = new Set(left.columns.map((c) => c.name));
    // A field of a JSON source is declared on every source it could come from, so whether a record
    // really has it is only known per record. The embedded join keeps a left field under its name and
    // renames the right one `right_<name>` only when the left record has the field; for such shared
    // names the view does the same per row (a missing JSON field reads as NULL).
    const perRow = left.openFrom.size > 0;
    const rightColumns = right.columns.map((c) => ({ source: c.name, name: leftNames.has(c.name) ? `right_${c.name}` : c.name, type: c.type }));
    const rightNames = new Set(rightColumns.map((c) => c.name));
    const leftColumns = left.columns.filter((c) => !rightNames.has(c.name));
    const shared = (name: string) => rightColumns.find((c) => c.source === name && c.name !== name);
    const sameType = (a: Type, b: Type) => flinkType(a) === flinkType(b);
    const items = [
      ...leftColumns.map((c) => {
        const other = perRow ? shared(c.name) : undefined;
        if (!other) return `${q("l")}.${q(c.name)} AS ${q(c.name)}`;
        const [l, r] = sameType(c.type, other.type) ? [`${q("l")}.${q(c.name)}`, `${q("r")}.${q(c.name)}`] : [`CAST(${q("l")}.${q(c.name)} AS STRING)`, `CAST(${q("r")}.${q(c.name)} AS STRING)`];
        return `COALESCE(${l}, ${r}) AS ${q(c.name)}`;
      }),
      ...rightColumns.map((c) =>
        perRow && c.name !== c.source
          ? `CASE WHEN ${q("l")}.${q(c.source)} IS NOT NULL THEN ${q("r")}.${q(c.source)} END AS ${q(c.name)}`
          : `${q("r")}.${q(c.source)} AS ${q(c.name)}`,
      ),
      // The embedded join stamps a match with the later of the two timestamps; Flink keeps one time attribute, the left's.
      `${q("l")}.${q(TS)} AS ${q(TS)}`,
    ];
    const columnType = (c: RowField) => {
      const other = perRow ? shared(c.name) : undefined;
      return other && !sameType(c.type, other.type) ? T.string : c.type;
    };
    const keyOf = (alias: string, path: string) => `${q(alias)}.${path.split(".").map(q).join(".")}`;
    view(
      [
        `SELECT\n  ${items.join(",\n  ")}`,
        `FROM ${q(left.name)} AS ${q("l")}`,
        `${data.type === "left" ? "LEFT " : ""}JOIN ${q(right.name)} AS ${q("r")}`,
        `  ON ${keyOf("l", data.leftKey)} = ${keyOf("r", data.rightKey)}`,
        `  AND ${q("r")}.${q(TS)} BETWEEN ${q("l")}.${q(TS)} - ${interval(data.within)} AND ${q("l")}.${q(TS)} + ${interval(data.within)}`,
      ].join("\n"),
      {
        columns: [...leftColumns.map((c) => ({ name: c.name, type: columnType(c) })), ...rightColumns.map((c) => ({ name: c.name, type: c.type }))],
        timed: true,
        upsertKey: null,
        openFrom: new Set([...left.openFrom, ...right.openFrom]),
      },
    );
  },
};
