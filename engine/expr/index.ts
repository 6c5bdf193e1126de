import type { Expr } from "./ast";
import { check } from "./check";
import { compileTree } from "./compile";
import { StaticFailure, expressionError, type ExpressionError } from "./errors";
import { resolveLimits, type ExpressionLimits } from "./limits";
import { parse, parseTypeText } from "./parser";
import { describeValue, fail } from "./runtime";
import { T, formatType, type RecordType, type Type } from "./types";

/**
 * The expression language of pipeline nodes: SQL expressions in the style of
 * Flink SQL (see docs/expressions.md). Text is parsed into a typed,
 * source-positioned syntax tree, checked against the input record type, and
 * compiled to a plain JavaScript closure; the same tree feeds the Flink SQL
 * compiler.
 *
 * Nothing here throws for bad input: parse and check problems come back as
 * {@link ExpressionError}s with stable codes; a compiled expression throws
 * {@link ExpressionRuntimeError} (with a stable code) for a record it cannot
 * evaluate.
 */

export type { Expr } from "./ast";
export { children, fieldsReferenced } from "./ast";
export {
  ExpressionRuntimeError,
  errorCatalog,
  errorCodes,
  type ErrorCode,
  type ExpressionError,
} from "./errors";
export { functionDefinitions, functionNames, type FunctionDef, type Signature } from "./functions";
export { defaultLimits, type ExpressionLimits } from "./limits";
export { RESERVED_WORDS } from "./parser";
export {
  T,
  commonType,
  formatType,
  isAssignable,
  quoteIdentifier,
  typeOfValue,
  type RecordType,
  type RowField,
  type Type,
  type TypeKind,
} from "./types";

export type ExpressionOptions = {
  /**
   * The fields of the records the expression will see. Omitted: every field is
   * unknown (ANY) and checked at run time. A closed row rejects unknown fields
   * (T1001); an open row types them ANY.
   */
  input?: RecordType;
  /**
   * The type the node needs: BOOLEAN for a filter condition, `ARRAY<ANY>` for
   * a flat-map expression. A statically different type is T1012; a result of
   * unknown type is checked per record (D3005).
   */
  expect?: Type;
  /** Overrides of {@link defaultLimits}. */
  limits?: Partial<ExpressionLimits>;
};

export type ParseResult = { ok: true; ast: Expr } | { ok: false; errors: ExpressionError[] };

export type CheckResult =
  | {
      ok: true;
      type: Type;
      ast: Expr;
      errors: [];
      /** The inferred type of any node of `ast` (for compilers: typed NULLs, ANY fields, decimal scales). */
      typeOf: (node: Expr) => Type;
    }
  /** `ast` is present when only type checking failed. */
  | { ok: false; errors: ExpressionError[]; ast: Expr | null };

export type CompiledExpression =
  | {
      ok: true;
      /**
       * Evaluates one record (a plain object, as parsed from JSON). Returns
       * `null` for SQL NULL. Throws {@link ExpressionRuntimeError} when the
       * record cannot be evaluated (D codes, and L codes for run-time limits).
       */
      evaluate: (record: unknown) => unknown;
      type: Type;
      ast: Expr;
    }
  | { ok: false; errors: ExpressionError[] };

/**
 * Parses expression text into its syntax tree. Returns S errors (syntax) and
 * L4001–L4003 (text length, nesting depth, node count).
 */
export function parseExpression(text: string, options: Pick<ExpressionOptions, "limits"> = {}): ParseResult {
  const limits = resolveLimits(options.limits);
  return parseWith(text, limits);
}

/**
 * Parses and type-checks an expression: what the editor calls as the user
 * types, to underline problems. Fast (no compilation) and never throws.
 * Reports every type problem found (up to 50), or the first syntax error.
 */
export function checkExpression(text: string, options: ExpressionOptions = {}): CheckResult {
  const limits = resolveLimits(options.limits);
  const parsed = parseWith(text, limits);
  if (!parsed.ok) return { ok: false, errors: parsed.errors, ast: null };
  const checked = check(parsed.ast, { input: options.input ?? T.anyRecord(), expect: options.expect, limits });
  if (checked.problems.length > 0) {
    const errors = checked.problems.map((problem) => expressionError(text, problem.code, problem.args, problem.start, problem.end));
    return { ok: false, errors, ast: parsed.ast };
  }
  const types = checked.types;
  return { ok: true, type: checked.type, ast: parsed.ast, errors: [], typeOf: (node) => types.get(node) ?? T.any };
}

/**
 * Parses, checks and compiles an expression into a closure over one record.
 * Compile once per node and call `evaluate` per record: evaluation does no
 * parsing, no lookups by name and allocates only the values it produces.
 */
export function compileExpression(text: string, options: ExpressionOptions = {}): CompiledExpression {
  const limits = resolveLimits(options.limits);
  const parsed = parseWith(text, limits);
  if (!parsed.ok) return parsed;
  const checked = check(parsed.ast, { input: options.input ?? T.anyRecord(), expect: options.expect, limits });
  if (checked.problems.length > 0) {
    return {
      ok: false,
      errors: checked.problems.map((problem) => expressionError(text, problem.code, problem.args, problem.start, problem.end)),
    };
  }
  let evaluate = compileTree(parsed.ast, checked.types, limits);
  if (options.expect && options.expect.kind !== "ANY" && checked.type.kind === "ANY") {
    evaluate = expectAtRunTime(evaluate, options.expect, parsed.ast);
  }
  return { ok: true, evaluate, type: checked.type, ast: parsed.ast };
}

/**
 * Parses a type written as in Flink SQL (`BIGINT`, `DECIMAL(10, 2)`,
 * `ARRAY<STRING>`, ``ROW<id BIGINT, `full name` STRING>``) or `ANY`.
 */
export function parseType(text: string): { ok: true; type: Type } | { ok: false; errors: ExpressionError[] } {
  try {
    return { ok: true, type: parseTypeText(text) };
  } catch (error) {
    if (error instanceof StaticFailure) {
      return { ok: false, errors: [expressionError(text, error.code, error.args, error.start, error.end)] };
    }
    throw error;
  }
}

function parseWith(text: string, limits: ExpressionLimits): ParseResult {
  if (typeof text !== "string") text = String(text);
  if (text.length > limits.maxLength) {
    return {
      ok: false,
      errors: [expressionError(text, "L4001", { length: text.length, limit: limits.maxLength }, 0, text.length)],
    };
  }
  try {
    return { ok: true, ast: parse(text, limits) };
  } catch (error) {
    if (error instanceof StaticFailure) {
      return { ok: false, errors: [expressionError(text, error.code, error.args, error.start, error.end)] };
    }
    if (error instanceof RangeError) {
      return { ok: false, errors: [expressionError(text, "L4002", { limit: limits.maxDepth }, 0, text.length)] };
    }
    throw error;
  }
}

function expectAtRunTime(evaluate: (record: unknown) => unknown, expected: Type, site: Expr): (record: unknown) => unknown {
  const kind = expected.kind;
  const matches =
    kind === "BOOLEAN"
      ? (value: unknown) => typeof value === "boolean"
      : kind === "STRING"
        ? (value: unknown) => typeof value === "string"
        : kind === "ARRAY"
          ? (value: unknown) => Array.isArray(value)
          : kind === "ROW"
            ? (value: unknown) => typeof value === "object" && !Array.isArray(value)
            : (value: unknown) => typeof value === "number";
  const expectedText = formatType(expected);
  return (record) => {
    const value = evaluate(record);
    if (value !== null && !matches(value)) {
      fail("D3005", { what: "The result", expected: expectedText, actual: describeValue(value) }, site);
    }
    return value;
  };
}

