import { compileExpression, ExpressionRuntimeError, type Type } from "../../expr";
import type { DeadLetter } from "../../runtime/dead-letter";
import type { StreamRecord } from "../../runtime/stream-record";

/** Thrown while planning when a node's expression does not compile; names the node and field. */
export class PlanError extends Error {
  constructor(
    readonly nodeId: string,
    readonly field: string,
    readonly errors: { code: string; message: string; start: number; end: number }[],
  ) {
    super(`Node ${nodeId}, ${field}: ${errors.map((e) => `${e.message} (${e.code} at ${e.start})`).join("; ")}`);
    this.name = "PlanError";
  }
}

export type CompiledExpression = (fields: Record<string, unknown>) => unknown;

/** Compiles one of a node's expressions, or throws a PlanError that says where it is wrong. */
export function compileNodeExpression(nodeId: string, field: string, text: string, expect?: Type): CompiledExpression {
  const compiled = compileExpression(text, { expect });
  if (!compiled.ok) throw new PlanError(nodeId, field, compiled.errors);
  return compiled.evaluate as CompiledExpression;
}

/** Turns an error thrown while evaluating an expression into a dead letter for the record. */
export function expressionDeadLetter(nodeId: string, record: StreamRecord, error: unknown): DeadLetter {
  if (error instanceof ExpressionRuntimeError) {
    return { code: "expression-error", detail: error.code, message: error.message, nodeId, origin: record.origin, payload: safeJson(record.fields), timestamp: record.timestamp };
  }
  // Anything else escaping an expression is a bug in the engine; it still must not stop the pipeline.
  const message = error instanceof Error ? error.message : String(error);
  return { code: "expression-error", detail: "internal", message, nodeId, origin: record.origin, payload: safeJson(record.fields), timestamp: record.timestamp };
}

/** A record that breaks an operator's expectations (e.g. a non-number summed). */
export function typeDeadLetter(nodeId: string, record: StreamRecord, message: string): DeadLetter {
  return { code: "type-error", message, nodeId, origin: record.origin, payload: safeJson(record.fields), timestamp: record.timestamp };
}

/** JSON of a record's fields for a dead letter; never throws (cycles and BigInts cannot occur, but be safe). */
export function safeJson(value: unknown): string | null {
  try {
    return JSON.stringify(value) ?? null;
  } catch {
    return null;
  }
}
