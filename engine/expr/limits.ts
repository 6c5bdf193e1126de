/**
 * Bounds on the size and cost of an expression and of what it computes. The
 * defaults suit per-record evaluation in a stream; callers may lower or raise
 * any of them through `options.limits`.
 */
export type ExpressionLimits = {
  /** Longest expression text, in characters (L4001). */
  maxLength: number;
  /** Deepest nesting of the syntax tree, and of parentheses while parsing (L4002). */
  maxDepth: number;
  /** Most syntax-tree nodes (L4003); bounds, for example, the length of an IN list. */
  maxNodes: number;
  /** Longest regular-expression pattern, in characters (L4004). */
  maxRegexLength: number;
  /** Largest compiled RE2 program (L4005): RE2's measure of a pattern's matching cost. */
  maxRegexProgram: number;
  /** Longest string that REGEXP, REGEXP_EXTRACT, REGEXP_REPLACE and the general LIKE matcher accept (L4008). */
  maxRegexInput: number;
  /** Longest string an operator or function may produce, in UTF-16 code units (L4006). */
  maxStringLength: number;
  /** Most elements an array-producing function (SPLIT) may produce (L4007). */
  maxArrayLength: number;
};

export const defaultLimits: Readonly<ExpressionLimits> = Object.freeze({
  maxLength: 4_000,
  maxDepth: 64,
  maxNodes: 2_000,
  maxRegexLength: 1_000,
  maxRegexProgram: 1_000,
  maxRegexInput: 256 * 1024,
  maxStringLength: 1024 * 1024,
  maxArrayLength: 100_000,
});

/** The defaults overridden by whichever limits are given (non-numbers are ignored). */
export function resolveLimits(overrides?: Partial<ExpressionLimits>): ExpressionLimits {
  const limits: ExpressionLimits = { ...defaultLimits };
  if (!overrides) return limits;
  for (const key of Object.keys(defaultLimits) as (keyof ExpressionLimits)[]) {
    const value = Object.hasOwn(overrides, key) ? overrides[key] : undefined;
    if (typeof value === "number" && value >= 0) limits[key] = value;
  }
  return limits;
}
