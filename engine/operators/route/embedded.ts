import { T } from "../../expr";
import type { StatelessOperator } from "../../runtime/operator";
import { compileNodeExpression, expressionDeadLetter } from "../shared/compile-node-expression";
import { defaultOutput, type RouteData } from "./description";

/**
 * Emits each record on the first output whose condition is TRUE (NULL and
 * FALSE do not match, as in SQL's WHERE), or on the default output. A
 * condition that fails on a record sends the record to the dead letters.
 */
export function createRoute(nodeId: string, data: RouteData): StatelessOperator {
  const routes = data.routes.map((route, i) => ({ name: route.name, condition: compileNodeExpression(nodeId, `routes.${i}.condition`, route.condition, T.boolean) }));
  return {
    kind: "stateless",
    nodeId,
    apply(record, emit, context) {
      for (const route of routes) {
        let matched: unknown;
        try {
          matched = route.condition(record.fields);
        } catch (error) {
          context.deadLetter(expressionDeadLetter(nodeId, record, error));
          return;
        }
        if (matched === true) return emit(record, route.name);
      }
      emit(record, defaultOutput);
    },
  };
}
