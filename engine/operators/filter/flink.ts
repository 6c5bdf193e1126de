import { T } from "../../expr";
import { flinkIdentifier as q } from "../../expr/compile-flink-sql";
import { expressionDeadLetters } from "../../flink-sql/expression-dead-letters";
import type { FlinkPart } from "../../flink-sql/lowering";
import { selectList } from "../../flink-sql/sql";
import type { FilterData } from "./description";

/**
 * `SELECT … WHERE condition`; the records the condition fails on (a CAST of
 * bad text, a division by zero) go to the dead letters instead, as on the
 * embedded engine.
 */
export const filterFlink: FlinkPart<FilterData> = {
  supported: true,
  operatorPattern: /^Calc\[/,
  analyse: ({ data, input, useExpression }) => {
    useExpression(input, data.condition, "BOOLEAN");
    return input;
  },
  lower: ({ data, input, guardedExpression, view, deadLetter }) => {
    const from = input();
    const condition = guardedExpression("condition", data.condition, from, T.boolean);
    const failed = expressionDeadLetters(from, condition.failures, deadLetter);
    view(`SELECT ${selectList(from)}\nFROM ${q(from.name)}\nWHERE ${failed ? `NOT ${failed} AND ` : ""}${condition.sql}`, { ...from });
  },
};
