import { T, type Type } from "../../expr";
import { flinkIdentifier as q } from "../../expr/compile-flink-sql";
import type { FlinkPart } from "../../flink-sql/lowering";
import { describeColumns, epochMillis, interval, pathType, rowOf, TS } from "../../flink-sql/sql";
import type { ReduceData } from "./description";
import { lateRecordsWarning } from "../../flink-sql/dead-letters";

/**
 * Without a window, a GROUP BY whose updates an upsert-kafka sink keeps per
 * key; with one, Flink's window table functions, writing `window_start` /
 * `window_end` as epoch milliseconds.
 */
export const reduceFlink: FlinkPart<ReduceData> = {
  supported: true,
  operatorPattern: /^(GroupAggregate|GlobalGroupAggregate|WindowAggregate|GlobalWindowAggregate|GroupWindowAggregate)\[/,
  analyse: ({ data, input, use, holdWatermark }) => {
    for (const path of data.groupBy) use(input, path.split("."), null);
    for (const aggregation of data.aggregations) {
      if (aggregation.field) use(input, aggregation.field.split("."), aggregation.fn === "sum" || aggregation.fn === "avg" ? "NUMBER" : null);
    }
    if (data.window) holdWatermark(input, data.allowedLateness ?? 0);
    const names = [...data.groupBy.map((p) => p.split(".").at(-1)!), ...data.aggregations.map((a) => a.as), ...(data.window ? ["window_start", "window_end"] : [])];
    return { sources: new Set(), known: new Set(names), upstream: input.upstream };
  },
  lower: ({ data, input, view, problem, warn }) => {
    const from = input();
    if (data.window) warn(lateRecordsWarning, "allowedLateness");
    if (from.upsertKey) {
      throw problem("a reduce after a reduce without a window is not supported on Flink: Flink retracts the earlier result where the embedded engine counts every update as a new record");
    }
    const row = rowOf(from.columns);
    const groups = data.groupBy.map((path, i) => {
      const type = pathType(row, path.split("."));
      if (!type) throw problem(`group-by field '${path}' is not a field of the input (${describeColumns(from.columns)})`, `groupBy.${i}`);
      return { sql: path.split(".").map(q).join("."), name: path.split(".").at(-1)!, type };
    });
    const aggregates = data.aggregations.map((aggregation, i) => {
      if (!aggregation.field) return { sql: "COUNT(*)", name: aggregation.as, type: T.bigint as Type };
      const type = pathType(row, aggregation.field.split("."));
      if (!type) throw problem(`'${aggregation.field}' is not a field of the input (${describeColumns(from.columns)})`, `aggregations.${i}.field`);
      const field = aggregation.field.split(".").map(q).join(".");
      switch (aggregation.fn) {
        case "count":
          return { sql: `COUNT(${field})`, name: aggregation.as, type: T.bigint as Type };
        case "avg":
          // Flink's AVG of an integer column is an integer; the embedded engine's average is exact.
          return { sql: `AVG(CAST(${field} AS DOUBLE))`, name: aggregation.as, type: T.double as Type };
        default:
          return { sql: `${aggregation.fn.toUpperCase()}(${field})`, name: aggregation.as, type };
      }
    });
    const groupItems = groups.map((g) => `${g.sql} AS ${q(g.name)}`);
    const aggregateItems = aggregates.map((a) => `${a.sql} AS ${q(a.name)}`);
    const columns = [...groups, ...aggregates].map((c) => ({ name: c.name, type: c.type }));

    if (!data.window) {
      view(`SELECT\n  ${[...groupItems, ...aggregateItems].join(",\n  ")}\nFROM ${q(from.name)}${groups.length ? `\nGROUP BY ${groups.map((g) => g.sql).join(", ")}` : ""}`, {
        columns,
        timed: false,
        upsertKey: groups.map((g) => g.name),
        openFrom: new Set(),
      });
      return;
    }
    if (!from.timed) throw problem("a windowed reduce needs records with event time; its input here has none (it comes after a reduce or a map of one)", "window");
    const w = data.window;
    const tvf =
      w.type === "tumbling"
        ? `TUMBLE(TABLE ${q(from.name)}, DESCRIPTOR(${q(TS)}), ${interval(w.size)})`
        : w.type === "hopping"
          ? `HOP(TABLE ${q(from.name)}, DESCRIPTOR(${q(TS)}), ${interval(w.slide)}, ${interval(w.size)})`
          : `SESSION(TABLE ${q(from.name)}${groups.length ? ` PARTITION BY ${groups.map((g) => g.sql).join(", ")}` : ""}, DESCRIPTOR(${q(TS)}), ${interval(w.gap)})`;
    if (w.type === "hopping" && w.size % w.slide !== 0) {
      throw problem(`Flink's hopping windows need the size (${w.size} ms) to be a multiple of the slide (${w.slide} ms)`, "window.slide");
    }
    const items = [...groupItems, ...aggregateItems, `${epochMillis("window_start")} AS ${q("window_start")}`, `${epochMillis("window_end")} AS ${q("window_end")}`, `${q("window_time")} AS ${q(TS)}`];
    view(`SELECT\n  ${items.join(",\n  ")}\nFROM TABLE(${tvf})\nGROUP BY ${[q("window_start"), q("window_end"), q("window_time"), ...groups.map((g) => g.sql)].join(", ")}`, {
      columns: [...columns, { name: "window_start", type: T.bigint }, { name: "window_end", type: T.bigint }],
      timed: true,
      upsertKey: null,
      openFrom: new Set(),
    });
  },
};
