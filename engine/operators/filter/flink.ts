import { T } from "../../expr";
import { flinkIdentifier as q } from "../../expr/compile-flink-sql";
import type { FlinkPart } from "../../flink-sql/lowering";
import { selectList } from "../../flink-sql/sql";
import type { FilterData } from "./description";

/** `SELECT … WHERE condition`. */
export const filterFlink: FlinkPart<FilterData> = {
  supported: true,
  operatorPattern: /^Calc\[/,
  analyse: ({ data, input, useExpression }) => {
    useExpression(input, data.condition, "BOOLEAN");
    return input;
  },
  lower: ({ data, input, expression, view }) => {
    const from = input();
    const condition = expression("condition", data.condition, from, T.boolean);
    view(`SELECT ${selectList(from)}\nFROM ${q(from.name)}\nWHERE ${condition.sql}`, { ...from });
  },
};
