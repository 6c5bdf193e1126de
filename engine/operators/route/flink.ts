import { T } from "../../expr";
import { flinkIdentifier as q } from "../../expr/compile-flink-sql";
import type { FlinkPart } from "../../flink-sql/lowering";
import { selectList } from "../../flink-sql/sql";
import { defaultOutput, type RouteData } from "./description";

/**
 * One filtered view per output: output i takes the records whose condition i
 * IS TRUE and no earlier condition is; the default takes those none is. The
 * sinks' INSERTs from these views run in the job's one statement set.
 */
export const routeFlink: FlinkPart<RouteData> = {
  supported: true,
  operatorPattern: /^Calc\[/,
  analyse: ({ data, input, useExpression }) => {
    for (const route of data.routes) useExpression(input, route.condition, "BOOLEAN");
    return input;
  },
  lower: ({ data, input, expression, view, problem }) => {
    const from = input();
    // An update of a key could move it from one output to another, which separate sinks cannot retract.
    if (from.upsertKey) throw problem("a route after a reduce without a window is not supported on Flink (an updated key could change outputs)");
    const conditions = data.routes.map((route, i) => expression(`routes.${i}.condition`, route.condition, from, T.boolean).sql);
    const none = (count: number) => conditions.slice(0, count).map((sql) => `(${sql}) IS NOT TRUE`);
    const select = (where: string[]) => `SELECT ${selectList(from)}\nFROM ${q(from.name)}\nWHERE ${where.join("\n  AND ")}`;
    data.routes.forEach((route, i) => view(select([`(${conditions[i]}) IS TRUE`, ...none(i)]), { ...from }, route.name));
    view(select(none(conditions.length)), { ...from }, defaultOutput);
  },
};
