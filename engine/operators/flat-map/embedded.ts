import { T } from "../../expr";
import type { FlatMapData } from "./description";
import type { StatelessOperator } from "../../runtime/operator";
import { copyFields } from "../../runtime/stream-record";
import { compileNodeExpression, expressionDeadLetter, typeDeadLetter } from "../shared/compile-node-expression";

/**
 * Emits one record per element of the array the expression yields: the input
 * fields plus the element under `as`. NULL yields no records (as UNNEST does).
 */
export function createFlatMap(nodeId: string, data: FlatMapData): StatelessOperator {
  const expression = compileNodeExpression(nodeId, "expression", data.expression, T.array(T.any));
  const as = data.as;
  return {
    kind: "stateless",
    nodeId,
    apply(record, emit, context) {
      let elements: unknown;
      try {
        elements = expression(record.fields);
      } catch (error) {
        context.deadLetter(expressionDeadLetter(nodeId, record, error));
        return;
      }
      if (elements === null || elements === undefined) return;
      if (!Array.isArray(elements)) {
        context.deadLetter(typeDeadLetter(nodeId, record, `The flat-map expression must yield an array, but yielded ${typeof elements}`));
        return;
      }
      for (const element of elements) {
        const output = copyFields(record.fields);
        output[as] = element;
        emit({ fields: output, timestamp: record.timestamp, origin: record.origin });
      }
    },
  };
}
