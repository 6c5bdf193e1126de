/**
 * Stable error codes of the expression language, one letter per class (as in
 * jsonata): S = syntax, T = type (static checks), D = dynamic (raised while a
 * record is evaluated), L = limit (a bound on size or cost was exceeded; raised
 * statically or at run time). Codes never change meaning once published: the
 * editor, the dead-letter topic and the Flink SQL compiler all key on them.
 *
 * Templates use `{name}` placeholders filled from the error's arguments.
 */
export const errorCatalog = {
  // S01xx: lexical
  S0101: "String literal is not terminated; add a closing quote (')",
  S0102: "Quoted identifier is not terminated; add a closing backquote (`)",
  S0103: "Unexpected character {char}{hint}",
  S0104: "Invalid number literal '{text}'",
  S0105: "A quoted identifier cannot be empty",
  S0106: "Comment is not terminated; add a closing */",
  // S02xx: grammar
  S0201: "Expected {expected} but found {found}",
  S0202: "Expected {expected} but the expression ended",
  S0203: "The expression is empty",
  S0204: "Unknown type '{name}'{hint}",
  S0205: "CASE needs at least one WHEN … THEN … branch",
  S0206: "Invalid DECIMAL precision or scale: {detail}",
  S0207: "Number literal {text} is out of range: {detail}",
  S0208: "'{word}' is a reserved word; to use it as a field name, quote it: `{word}`",
  // T10xx: types
  T1001: "Unknown field '{name}'{hint}",
  T1002: "'{name}' is {type}, which has no field '{field}'",
  T1003: "Unknown function {name}{hint}",
  T1004: "{name} expects {expected} but got {count}",
  T1005: "Argument {index} of {name} must be {expected}, not {actual}",
  T1006: "Operator {op} cannot be applied to {operands}",
  T1007: "Cannot compare {left} with {right}",
  T1008: "The {what} have incompatible types {left} and {right}",
  T1009: "{what} must be BOOLEAN, not {type}",
  T1010: "Cannot cast {from} to {to}",
  T1011: "Invalid regular expression (RE2 syntax): {detail}",
  T1012: "The expression must produce {expected} but produces {actual}",
  T1013: "{detail}",
  T1014: "Invalid LIKE pattern: {detail}",
  T1015: "{name} is an aggregate function; aggregate in a Reduce node instead",
  // D30xx: dynamic (run time)
  D3001: "Division by zero",
  D3002: "Numeric overflow: the result of {op} does not fit in {type}",
  D3003: "{op} produced a result that is not a finite number",
  D3004: "Cannot cast {value} to {type}",
  D3005: "{what} must be {expected}, but the value is {actual}",
  D3006: "Invalid regular expression (RE2 syntax): {detail}",
  D3007: "Invalid LIKE pattern: {detail}",
  D3008: "Cannot compare {left} with {right}",
  // L40xx: limits
  L4001: "The expression is {length} characters long; the limit is {limit}",
  L4002: "The expression is nested too deeply (the limit is {limit} levels)",
  L4003: "The expression has too many parts (the limit is {limit})",
  L4004: "The regular expression is {length} characters long; the limit is {limit}",
  L4005: "The regular expression is too complex (program size {size}; the limit is {limit})",
  L4006: "{what} would produce a string of {length} characters; the limit is {limit}",
  L4007: "{what} would produce more than {limit} elements",
  L4008: "{what} was given a {length}-character string; pattern matching is limited to {limit} characters",
} as const;

export type ErrorCode = keyof typeof errorCatalog;

/** Every code, in catalog order. */
export const errorCodes = Object.keys(errorCatalog) as ErrorCode[];

export type ErrorArgs = Readonly<Record<string, string | number>>;

/**
 * A problem found while parsing or checking an expression. `start`/`end` are
 * UTF-16 offsets into the expression text (end exclusive); `line`/`column`
 * are 1-based and point at `start`.
 */
export type ExpressionError = {
  code: ErrorCode;
  message: string;
  start: number;
  end: number;
  line: number;
  column: number;
};

/** Fills a code's template with its arguments. */
export function formatMessage(code: ErrorCode, args: ErrorArgs = {}): string {
  return errorCatalog[code].replace(/\{(\w+)\}/g, (_, name: string) =>
    Object.hasOwn(args, name) ? String(args[name]) : "",
  );
}

/** 1-based line and column of an offset. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(offset, text.length);
  for (let i = 0; i < end; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

/** Builds an {@link ExpressionError} for a span of `text`. */
export function expressionError(
  text: string,
  code: ErrorCode,
  args: ErrorArgs,
  start: number,
  end: number,
): ExpressionError {
  return { code, message: formatMessage(code, args), start, end, ...lineColumn(text, start) };
}

/**
 * Thrown by a compiled expression when one record cannot be evaluated (a D
 * code, or an L code for run-time limits). The engine catches it and sends the
 * record to the dead-letter topic with `code`. `start`/`end` locate the part of
 * the expression that failed.
 */
export class ExpressionRuntimeError extends Error {
  readonly code: ErrorCode;
  readonly start: number;
  readonly end: number;

  constructor(code: ErrorCode, args: ErrorArgs, start: number, end: number) {
    super(formatMessage(code, args));
    this.name = "ExpressionRuntimeError";
    this.code = code;
    this.start = start;
    this.end = end;
  }
}

/** Internal: a parse or check step that cannot continue. Never escapes the public API. */
export class StaticFailure extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly args: ErrorArgs,
    readonly start: number,
    readonly end: number,
  ) {
    super(code);
  }
}
