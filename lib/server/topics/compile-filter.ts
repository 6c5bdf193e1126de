import { T, compileExpression } from "@/engine/expr";
import { ApiError } from "../api/api-error";

/**
 * Parses and type-checks a search filter (an expression of the pipeline
 * language that must be BOOLEAN) and compiles it. A filter that does not
 * parse or check is a 400 carrying the expression error's code and position,
 * as the editor shows it. Empty: every record matches.
 */
export function compileFilter(text: string): ((record: unknown) => boolean) | null {
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
  return (record) => evaluate(record) === true;
}
