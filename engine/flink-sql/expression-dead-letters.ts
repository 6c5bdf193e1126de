import type { FlinkFailure } from "../expr/compile-flink-sql";
import type { DeadLetterRoute } from "./dead-letters";
import type { Relation } from "./sql";

/**
 * Routes the rows of `from` that a node's guarded expressions fail on to the
 * dead letters (`expression-error`, the expression error code as detail, the
 * first failure in evaluation order deciding, as the embedded evaluator stops
 * at the first), and returns the condition that marks them, for the node to
 * leave them out of its output; null when nothing can fail.
 */
export function expressionDeadLetters(from: Relation, all: readonly FlinkFailure[], deadLetter: (route: DeadLetterRoute) => void): string | null {
  // The same guard twice (one CAST used in two fields): the first says it all.
  const failures = all.filter((f, i) => all.findIndex((other) => other.when === f.when) === i);
  if (failures.length === 0) return null;
  const failed = `(${failures.map((f) => f.when).join(" OR ")})`;
  const pick = (part: (f: FlinkFailure) => string) => (failures.length === 1 ? part(failures[0]!) : `CASE ${failures.map((f) => `WHEN ${f.when} THEN ${part(f)}`).join(" ")} END`);
  deadLetter({ from, where: failed, code: "expression-error", detail: pick((f) => `'${f.code}'`), message: pick((f) => f.message) });
  return failed;
}
