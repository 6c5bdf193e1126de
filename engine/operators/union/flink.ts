import { flinkIdentifier as q } from "../../expr/compile-flink-sql";
import type { FlinkPart } from "../../flink-sql/lowering";
import { flinkType, originList, TS } from "../../flink-sql/sql";
import type { UnionData } from "./description";

/**
 * `SELECT … UNION ALL SELECT …` over the inputs, with their columns in the
 * first input's order. Flink's watermark of a union is the minimum of its
 * inputs', as on the embedded engine.
 */
export const unionFlink: FlinkPart<UnionData> = {
  supported: true,
  operatorPattern: /^Union\[/,
  analyse: ({ inputs }) => {
    const all = inputs(null);
    // A field read downstream is read from every input that may carry it.
    return {
      sources: new Set(all.flatMap((reach) => [...reach.sources])),
      known: new Set(all.flatMap((reach) => [...reach.known])),
      upstream: new Set(all.flatMap((reach) => [...reach.upstream])),
    };
  },
  lower: ({ inputs, view, problem }) => {
    const all = inputs(null);
    if (all.length < 2) throw problem("an upstream node could not be compiled");
    const [first, ...rest] = all;
    if (all.some((relation) => relation.upsertKey)) throw problem("a union of updating results (a reduce without a window) is not supported on Flink");
    if (rest.some((relation) => relation.timed !== first!.timed)) throw problem("a union on Flink needs all inputs with event time or all without");
    rest.forEach((relation, i) => {
      for (const column of first!.columns) {
        const other = relation.columns.find((c) => c.name === column.name);
        if (!other) throw problem(`field '${column.name}' of input 1 is missing from input ${i + 2} on Flink`);
        if (flinkType(other.type) !== flinkType(column.type)) throw problem(`field '${column.name}' is ${flinkType(column.type)} in input 1 but ${flinkType(other.type)} in input ${i + 2} on Flink`);
      }
      const extra = relation.columns.find((c) => !first!.columns.some((f) => f.name === c.name));
      if (extra) throw problem(`field '${extra.name}' of input ${i + 2} is missing from input 1 on Flink`);
    });
    // Where records came from is kept only when every input knows it.
    const origin = all.every((relation) => relation.origin);
    const select = (name: string) => `SELECT ${[...first!.columns.map((c) => q(c.name)), ...originList({ origin }), ...(first!.timed ? [q(TS)] : [])].join(", ")}\nFROM ${q(name)}`;
    view(all.map((relation) => select(relation.name)).join("\nUNION ALL\n"), {
      columns: first!.columns,
      timed: first!.timed,
      upsertKey: null,
      openFrom: new Set(all.flatMap((relation) => [...relation.openFrom])),
      origin,
    });
  },
};
