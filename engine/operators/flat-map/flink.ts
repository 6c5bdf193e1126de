import { formatType, T } from "../../expr";
import { flinkIdentifier as q } from "../../expr/compile-flink-sql";
import type { FlinkPart } from "../../flink-sql/lowering";
import { concrete, originList, TS } from "../../flink-sql/sql";
import type { FlatMapData } from "./description";

/** `CROSS JOIN UNNEST(array)`. */
export const flatMapFlink: FlinkPart<FlatMapData> = {
  supported: true,
  operatorPattern: /^Correlate\[/,
  analyse: ({ data, input, useExpression }) => {
    useExpression(input, data.expression, "ARRAY");
    return { sources: input.sources, known: new Set([...input.known, data.as]), upstream: input.upstream };
  },
  lower: ({ data, input, expression, view, problem }) => {
    const from = input();
    if (from.upsertKey) throw problem("a flat-map after a reduce without a window is not supported on Flink (the reduce's updates would be split, not replaced)");
    const array = expression("expression", data.expression, from, T.array(T.any));
    if (array.type.kind !== "ARRAY") throw problem(`the expression must be an array, not ${formatType(array.type)}`, "expression");
    const kept = from.columns.filter((c) => c.name !== data.as);
    const items = [...kept.map((c) => q(c.name)), `${q("__t")}.${q("__elem")} AS ${q(data.as)}`, ...originList(from)];
    if (from.timed) items.push(q(TS));
    view(`SELECT ${items.join(", ")}\nFROM ${q(from.name)}\nCROSS JOIN UNNEST(${array.sql}) AS ${q("__t")} (${q("__elem")})`, {
      columns: [...kept, { name: data.as, type: concrete(array.type.element) }],
      timed: from.timed,
      upsertKey: null,
      openFrom: from.openFrom,
      origin: from.origin,
    });
  },
};
