import { T, compileExpression, fieldsReferenced } from "@/engine/expr";
import { ApiError } from "../api/api-error";

/** The record's own names a filter can use beside its value's fields (see filterRecord). */
export const recordNames = ["key", "value", "headers", "partition", "offset", "timestamp"] as const;
export type RecordName = (typeof recordNames)[number];

/** A compiled search filter, and which of the record's own names it reads (the rest need not be built per record). */
export type SearchFilter = { matches: (record: unknown) => boolean; reads: ReadonlySet<RecordName> };

/**
 * Parses and type-checks a search filter (an expression of the pipeline
 * language that must be BOOLEAN) and compiles it. A filter that does not
 * parse or check is a 400 carrying the expression error's code and position,
 * as the editor shows it. Empty: null (every record matches).
 */
export function compileFilter(text: string): SearchFilter | null {
  if (text.trim() === "") return null;
  const compiled = compileExpression(text, { input: T.anyRecord(), expect: T.boolean });
  if (!compiled.ok) {
    const first = compiled.errors[0]!;
    throw new ApiError(
      400,
      "invalid_request",
      `The filter is not a valid expression: ${first.code} at line ${first.line}, column ${first.column}: ${first.message}`,
      compiled.errors.map((error) => ({ field: "filter", code: error.code, message: error.message, start: error.start, end: error.end, line: error.line, column: error.column })),
    );
  }
  const evaluate = compiled.evaluate;
  const reads = new Set(fieldsReferenced(compiled.ast).map((path) => path[0]!).filter((name): name is RecordName => (recordNames as readonly string[]).includes(name)));
  return { matches: (record) => evaluate(record) === true, reads };
}
