import type { Span } from "./ast";
import { fail, valueKind } from "./runtime";
import { isLenient, isNumeric, type Type } from "./types";

/**
 * Ordering and equality of non-null values, as used by comparisons, IN,
 * BETWEEN, simple CASE, NULLIF, GREATEST/LEAST and ARRAY_CONTAINS. Numbers
 * compare with numbers, strings with strings (by UTF-16 code unit, which
 * matches Flink's byte order except between surrogate pairs and U+E000–U+FFFF),
 * booleans with booleans (FALSE < TRUE). Nothing converts implicitly.
 */

/** Whether two static types can be compared. */
export function comparable(a: Type, b: Type): boolean {
  if (isLenient(a) || isLenient(b)) return true;
  if (isNumeric(a) && isNumeric(b)) return true;
  return (a.kind === "STRING" || a.kind === "BOOLEAN") && a.kind === b.kind;
}

/** -1, 0 or 1. */
export type Compare = (left: unknown, right: unknown) => number;

const direct: Compare = (left, right) =>
  (left as number) < (right as number) ? -1 : (left as number) > (right as number) ? 1 : 0;

/**
 * The comparison for two static types. When either is ANY, the run-time
 * values must be of the same comparable kind, or D3008 is raised.
 */
export function buildCompare(a: Type, b: Type, site: Span): Compare {
  if (a.kind !== "ANY" && b.kind !== "ANY") return direct;
  return (left, right) => {
    const kind = typeof left;
    if (kind !== typeof right || (kind !== "number" && kind !== "string" && kind !== "boolean")) {
      fail("D3008", { left: valueKind(left), right: valueKind(right) }, site);
    }
    return direct(left, right);
  };
}
