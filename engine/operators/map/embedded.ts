import type { MapData } from "./description";
import type { StatelessOperator } from "../../runtime/operator";
import { emptyFields } from "../../runtime/stream-record";
import { compileNodeExpression, expressionDeadLetter } from "../shared/compile-node-expression";

/** Replaces each record's fields with exactly the configured output fields. */
export function createMap(nodeId: string, data: MapData): StatelessOperator {
  const fields = data.fields.map((field, index) => ({
    name: field.name,
    evaluate: compileNodeExpression(nodeId, `fields.${index}.expression`, field.expression),
  }));
  return {
    kind: "stateless",
    nodeId,
    apply(record, emit, context) {
      // No Object.prototype: an output field named like an Object.prototype member stays a plain field.
      const output = emptyFields();
      try {
        for (const field of fields) output[field.name] = field.evaluate(record.fields);
      } catch (error) {
        context.deadLetter(expressionDeadLetter(nodeId, record, error));
        return;
      }
      emit({ fields: output, timestamp: record.timestamp, origin: record.origin });
    },
  };
}
