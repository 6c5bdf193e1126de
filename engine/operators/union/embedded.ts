import type { StatelessOperator } from "../../runtime/operator";

/**
 * Passes every record of every input on unchanged. The executor delivers each
 * input's records to it as they come; event time needs nothing of its own: a
 * stateful operator downstream waits for the minimum of the inputs' watermarks.
 */
export function createUnion(nodeId: string): StatelessOperator {
  return {
    kind: "stateless",
    nodeId,
    apply(record, emit) {
      emit(record);
    },
  };
}
