import type { Span } from "./ast";
import { ExpressionRuntimeError, type ErrorArgs, type ErrorCode } from "./errors";
import { MAX_BIGINT, MAX_INT, MIN_INT, formatType, type Type } from "./types";

/**
 * Helpers shared by the compiled code: reading values safely, describing
 * them in messages, and the numeric and string primitives whose semantics
 * follow Flink SQL. Values at run time are `null` (SQL NULL), booleans,
 * numbers, strings, arrays and plain objects (rows).
 */

/** A compiled sub-expression: evaluates one record. */
export type Evaluator = (record: unknown) => unknown;

/** Throws the run-time error `code` located at `site`. */
export function fail(code: ErrorCode, args: ErrorArgs, site: Span): never {
  throw new ExpressionRuntimeError(code, args, site.start, site.end);
}

/**
 * Reads an own property of a plain object. Anything else (a missing field, a
 * name that only exists on the prototype chain such as `constructor` or
 * `toString`, a non-object holder) is NULL. This is the only way the compiled
 * code reads input, so user text never reaches prototypes.
 */
export function readField(holder: unknown, name: string): unknown {
  if (typeof holder !== "object" || holder === null || Array.isArray(holder)) return null;
  if (!Object.hasOwn(holder, name)) return null;
  const value = (holder as Record<string, unknown>)[name];
  return value === undefined ? null : value;
}

/** The run-time type name of a value, for messages: STRING, NUMBER, BOOLEAN, ARRAY, ROW, NULL. */
export function valueKind(value: unknown): string {
  if (value === null || value === undefined) return "NULL";
  switch (typeof value) {
    case "string":
      return "STRING";
    case "number":
      return "NUMBER";
    case "boolean":
      return "BOOLEAN";
    case "object":
      return Array.isArray(value) ? "ARRAY" : "ROW";
    default:
      return "an unsupported value";
  }
}

/** A short, safe rendering of a value for an error message (long strings are cut). */
export function describeValue(value: unknown): string {
  if (typeof value === "string") {
    const cut = value.length > 40 ? `${value.slice(0, 40)}…` : value;
    return `'${cut.replaceAll("'", "''")}'`;
  }
  if (typeof value === "number") return String(value);
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  const kind = valueKind(value);
  return kind === "ARRAY" ? "an ARRAY" : kind === "ROW" ? "a ROW" : kind;
}

/** Checks the run-time kind of a value whose static type is ANY. */
export function requireKind(value: unknown, kind: "STRING" | "NUMBER" | "BOOLEAN" | "ARRAY" | "INTEGER", what: string, site: Span): void {
  const ok =
    kind === "STRING"
      ? typeof value === "string"
      : kind === "NUMBER"
        ? typeof value === "number"
        : kind === "INTEGER"
          ? Number.isInteger(value)
          : kind === "BOOLEAN"
            ? typeof value === "boolean"
            : Array.isArray(value);
  if (!ok) fail("D3005", { what, expected: kind === "NUMBER" ? "a number" : kind, actual: describeValue(value) }, site);
}

// ---------------------------------------------------------------------------
// Numbers

/**
 * Rounds half away from zero (Java's HALF_UP) to `scale` decimal places;
 * `scale` may be negative (ROUND(1234, -2) = 1200). Float noise is removed
 * first (1.005 → 1.01). Beyond 15 significant digits the double is returned
 * unchanged: it cannot hold more.
 */
export function roundHalfUp(value: number, scale: number): number {
  if (value === 0 || !Number.isFinite(value)) return value;
  if (scale < -308) return 0;
  const sign = value < 0 ? -1 : 1;
  const abs = Math.abs(value);
  let result: number;
  if (scale >= 0) {
    const factor = 10 ** scale;
    const scaled = abs * factor;
    if (scaled >= 1e15) return value;
    result = Math.floor(Number.parseFloat(scaled.toPrecision(15)) + 0.5) / factor;
  } else {
    const factor = 10 ** -scale;
    const scaled = abs / factor;
    result = Math.floor(Number.parseFloat(scaled.toPrecision(15)) + 0.5) * factor;
  }
  return result === 0 ? 0 : sign * result;
}

/** Java's `Double.toString`: `1.0`, `0.001`, `1.0E7`, `1.5E-4`. */
export function formatDouble(value: number): string {
  if (value === 0) return "0.0";
  const abs = Math.abs(value);
  if (abs >= 1e-3 && abs < 1e7) {
    const text = String(value);
    return text.includes(".") ? text : `${text}.0`;
  }
  const [mantissa, exponent] = value.toExponential().split("e") as [string, string];
  return `${mantissa.includes(".") ? mantissa : `${mantissa}.0`}E${Number(exponent)}`;
}

/** Flink's DECIMAL rendering: exactly `scale` digits after the point. */
export function formatDecimal(value: number, scale: number): string {
  if (Math.abs(value) >= 1e21) return formatDouble(value);
  const text = value.toFixed(Math.min(scale, 100));
  return text.startsWith("-") && Number(text) === 0 ? text.slice(1) : text;
}

/** Number of integer digits of |value| (0 for |value| < 1). */
export function integerDigits(value: number): number {
  const abs = Math.trunc(Math.abs(value));
  return abs === 0 ? 0 : Math.floor(Math.log10(abs)) + 1;
}

/** Throws D3002 unless an integer result fits its INT or BIGINT type. */
export function checkInteger(value: number, type: Type, op: string, site: Span): number {
  const [min, max] = type.kind === "INT" ? [MIN_INT, MAX_INT] : [-MAX_BIGINT, MAX_BIGINT];
  if (value < min || value > max) fail("D3002", { op, type: formatType(type) }, site);
  return value === 0 ? 0 : value;
}

/** Result check for numeric functions: integers stay in range, doubles stay finite. */
export function numericResult(value: number, type: Type, op: string, site: Span): number {
  if (!Number.isFinite(value)) fail("D3003", { op }, site);
  if (type.kind === "INT" || type.kind === "BIGINT") return checkInteger(value, type, op, site);
  return value === 0 ? 0 : value;
}

// ---------------------------------------------------------------------------
// Strings: positions and lengths count Unicode code points, as Flink does.

const SURROGATE = /[\uD800-\uDFFF]/;

export function hasSurrogates(text: string): boolean {
  return SURROGATE.test(text);
}

/** Length in code points. */
export function charLength(text: string): number {
  if (!hasSurrogates(text)) return text.length;
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++;
    }
    count++;
  }
  return count;
}

/** The UTF-16 offset of code point number `index` (0-based), walking from UTF-16 offset `offset` at code point `at`. */
function unitOffset(text: string, index: number, offset = 0, at = 0): number {
  let i = offset;
  for (let count = at; count < index && i < text.length; count++) {
    const code = text.charCodeAt(i);
    i += code >= 0xd800 && code <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00 ? 2 : 1;
  }
  return i;
}

/** Code points `[from, to)` of a string (0-based, clamped), without splitting it into an array. */
export function sliceChars(text: string, from: number, to: number): string {
  if (!hasSurrogates(text)) return text.slice(from, to);
  const start = unitOffset(text, from);
  return text.slice(start, to === Number.POSITIVE_INFINITY ? text.length : unitOffset(text, to, start, from));
}

/** 1-based code-point position of `needle` in `text`, or 0. */
export function indexOfChars(text: string, needle: string): number {
  const found = text.indexOf(needle);
  if (found < 0) return 0;
  return hasSurrogates(text) ? charLength(text.slice(0, found)) + 1 : found + 1;
}

/** Throws L4006 unless a string of `length` code units may be produced. */
export function checkStringLength(length: number, limit: number, what: string, site: Span): void {
  if (length > limit) fail("L4006", { what, length, limit }, site);
}
