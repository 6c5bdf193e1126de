import { flinkIdentifier as q } from "../../expr/compile-flink-sql";
import type { FlinkPart } from "../../flink-sql/lowering";
import { describeColumns, interval, pathType, rowOf, TS } from "../../flink-sql/sql";
import type { DeduplicateData } from "./description";
import { lateRecordsWarning } from "../../flink-sql/dead-letters";

/**
 * Flink's window deduplication: `ROW_NUMBER() OVER (PARTITION BY window_start,
 * window_end, <key> ORDER BY __ts)` over a TUMBLE of `within`, keeping row 1.
 * Like the embedded operator it emits the first record per key and window at
 * the window's end; the window's time becomes the event time downstream.
 */
export const deduplicateFlink: FlinkPart<DeduplicateData> = {
  supported: true,
  operatorPattern: /^(WindowDeduplicate|Deduplicate|Rank|WindowRank)\[/,
  analyse: ({ data, input, use, holdWatermark }) => {
    for (const path of data.key) use(input, path.split("."), null);
    holdWatermark(input, data.allowedLateness ?? 0);
    return input;
  },
  lower: ({ data, input, view, problem, warn }) => {
    warn(lateRecordsWarning, "allowedLateness");
    const from = input();
    if (from.upsertKey || !from.timed) throw problem("deduplication on Flink needs append-only records with event time; its input here is an updating result (a reduce without a window)");
    const row = rowOf(from.columns);
    const keys = data.key.map((path, i) => {
      if (!pathType(row, path.split("."))) throw problem(`key field '${path}' is not a field of the input (${describeColumns(from.columns)})`, `key.${i}`);
      return path.split(".").map(q).join(".");
    });
    const columns = from.columns.map((c) => q(c.name));
    view(
      [
        `SELECT ${[...columns, `${q("window_time")} AS ${q(TS)}`].join(", ")}`,
        `FROM (`,
        `  SELECT *, ROW_NUMBER() OVER (PARTITION BY ${[q("window_start"), q("window_end"), ...keys].join(", ")} ORDER BY ${q(TS)} ASC) AS ${q("__row")}`,
        `  FROM TABLE(TUMBLE(TABLE ${q(from.name)}, DESCRIPTOR(${q(TS)}), ${interval(data.within)}))`,
        `)`,
        `WHERE ${q("__row")} <= 1`,
      ].join("\n"),
      { columns: from.columns, timed: true, upsertKey: null, openFrom: from.openFrom },
    );
  },
};
