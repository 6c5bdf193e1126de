import { flinkIdentifier as q } from "../../expr/compile-flink-sql";
import { expressionDeadLetters } from "../../flink-sql/expression-dead-letters";
import type { FlinkPart } from "../../flink-sql/lowering";
import { originList, TS } from "../../flink-sql/sql";
import type { MapData } from "./description";

/**
 * `SELECT expression AS name, …`; after an updating result, the key fields
 * must pass through unchanged. The records an expression fails on go to the
 * dead letters instead, as on the embedded engine.
 */
export const mapFlink: FlinkPart<MapData> = {
  supported: true,
  operatorPattern: /^Calc\[/,
  analyse: ({ data, input, useExpression }) => {
    for (const field of data.fields) useExpression(input, field.expression, null);
    return { sources: new Set(), known: new Set(data.fields.map((f) => f.name)), upstream: input.upstream };
  },
  lower: ({ data, input, guardedExpression, view, deadLetter, problem }) => {
    const from = input();
    const fields = data.fields.map((field, i) => ({ name: field.name, ...guardedExpression(`fields.${i}.expression`, field.expression, from) }));
    const items = fields.map((f) => `${f.sql} AS ${q(f.name)}`);
    items.push(...originList(from));
    if (from.timed) items.push(q(TS));
    let upsertKey = from.upsertKey;
    if (upsertKey) {
      // An updating result stays keyed only if the map passes the key fields through unchanged.
      const passed = new Set(fields.filter((f) => upsertKey!.some((k) => f.sql === q(k) && f.name === k)).map((f) => f.name));
      upsertKey = upsertKey.every((k) => passed.has(k)) ? upsertKey : null;
      if (!upsertKey) throw problem(`this map follows a reduce without a window, whose updates are keyed by ${from.upsertKey!.join(", ")}; keep those fields unchanged (e.g. ${from.upsertKey!.map((k) => `${k} = ${k}`).join(", ")}) so Flink can key the updates`);
    }
    // An updating result's rows are updates, not records: a failure there cannot be dead-lettered per record.
    const failed = upsertKey ? null : expressionDeadLetters(from, fields.flatMap((f) => f.failures), deadLetter);
    view(`SELECT\n  ${items.join(",\n  ")}\nFROM ${q(from.name)}${failed ? `\nWHERE NOT ${failed}` : ""}`, {
      columns: fields.map((f) => ({ name: f.name, type: f.type })),
      timed: from.timed,
      upsertKey,
      openFrom: new Set(),
      origin: from.origin,
    });
  },
};
