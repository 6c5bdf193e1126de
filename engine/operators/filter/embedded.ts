import { T } from "../../expr";
import type { FilterData } from "./description";
import type { StatelessOperator } from "../../runtime/operator";
import { compileNodeExpression, expressionDeadLetter } from "../shared/compile-node-expression";

/** Keeps the records whose condition is TRUE (NULL and FALSE drop it, as in SQL's WHERE). */
export function createFilter(nodeId: string, data: FilterData): StatelessOperator {
  const condition = compileNodeExpression(nodeId, "condition", data.condition, T.boolean);
  return {
    kind: "stateless",
    nodeId,
    apply(record, emit, context) {
      let keep: unknown;
      try {
        keep = condition(record.fields);
      } catch (error) {
        context.deadLetter(expressionDeadLetter(nodeId, record, error));
        return;
      }
      if (keep === true) emit(record);
    },
  };
}
