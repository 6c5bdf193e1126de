import type { Span } from "./ast";
import {
  describeValue,
  fail,
  formatDecimal,
  formatDouble,
  integerDigits,
  roundHalfUp,
} from "./runtime";
import { ExpressionRuntimeError } from "./errors";
import { MAX_BIGINT, MAX_INT, MIN_INT, formatType, isNumeric, type Type } from "./types";

/**
 * CAST and TRY_CAST, following Flink SQL's cast rules for the supported
 * types. CAST raises D3004 on a value that cannot be converted (Flink ≥ 1.15
 * behaves the same); TRY_CAST returns NULL instead.
 *
 * - to STRING: numbers as Flink prints them (INT `42`, DECIMAL(5, 2) `1.50`,
 *   DOUBLE `1.5`, `1.0`, `1.0E7`), booleans `TRUE`/`FALSE`. A number of
 *   unknown (ANY) type prints as an integer when it is one, else as a DOUBLE.
 * - to INT/BIGINT: numbers are truncated toward zero; strings are trimmed and
 *   may have a fractional part (`' 12.7 '` → 12); out of range is an error.
 * - to DECIMAL(p, s): rounded half-up to `s` places; more than `p − s`
 *   integer digits is an error.
 * - to DOUBLE: strings in decimal or exponent notation.
 * - to BOOLEAN: numbers (non-zero is TRUE) and the strings true/t/yes/y/1 and
 *   false/f/no/n/0 in any case.
 * - from BOOLEAN to a number: TRUE is 1, FALSE is 0.
 */

/** Whether a CAST between two static types is allowed (ANY and NULL may be cast to any scalar). */
export function castAllowed(from: Type, to: Type): boolean {
  if (to.kind === "ARRAY" || to.kind === "ROW" || to.kind === "NULL" || to.kind === "ANY") return false;
  if (from.kind === "ANY" || from.kind === "NULL") return true;
  if (from.kind === "ARRAY" || from.kind === "ROW") return false;
  return true;
}

const TRUE_WORDS = new Set(["true", "t", "yes", "y", "1"]);
const FALSE_WORDS = new Set(["false", "f", "no", "n", "0"]);
const NUMBER_TEXT = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const INTEGER_TEXT = /^[+-]?(\d+\.?\d*|\.\d+)$/;

/** Builds the conversion of non-null values of static type `from` to `to`. */
export function buildCast(from: Type, to: Type, safe: boolean, site: Span): (value: unknown) => unknown {
  const convert = converter(from, to, site);
  if (!safe) return convert;
  return (value) => {
    try {
      return convert(value);
    } catch (error) {
      if (error instanceof ExpressionRuntimeError) return null;
      throw error;
    }
  };
}

function converter(from: Type, to: Type, site: Span): (value: unknown) => unknown {
  const failCast = (value: unknown): never => fail("D3004", { value: describeValue(value), type: formatType(to) }, site);
  switch (to.kind) {
    case "STRING":
      return (value) => toText(value, from, site);
    case "BOOLEAN":
      return (value) => {
        if (typeof value === "boolean") return value;
        if (typeof value === "number") return value !== 0;
        if (typeof value === "string") {
          const word = value.trim().toLowerCase();
          if (TRUE_WORDS.has(word)) return true;
          if (FALSE_WORDS.has(word)) return false;
        }
        return failCast(value);
      };
    case "INT":
    case "BIGINT": {
      const [min, max] = to.kind === "INT" ? [MIN_INT, MAX_INT] : [-MAX_BIGINT, MAX_BIGINT];
      return (value) => {
        const number = toNumber(value, INTEGER_TEXT) ?? failCast(value);
        const truncated = Math.trunc(number);
        if (truncated < min || truncated > max) return failCast(value);
        return truncated === 0 ? 0 : truncated;
      };
    }
    case "DOUBLE":
      return (value) => toNumber(value, NUMBER_TEXT) ?? failCast(value);
    case "DECIMAL": {
      const { precision, scale } = to;
      return (value) => {
        const number = toNumber(value, NUMBER_TEXT) ?? failCast(value);
        const rounded = roundHalfUp(number, scale);
        if (integerDigits(rounded) > precision - scale) return failCast(value);
        return rounded;
      };
    }
    default:
      return failCast;
  }
}

function toNumber(value: unknown, syntax: RegExp): number | undefined {
  if (typeof value === "number") return value;
  if (typeof value === "boolean") return value ? 1 : 0;
  if (typeof value === "string") {
    const text = value.trim();
    if (text.length > 400 || !syntax.test(text)) return undefined;
    const number = Number(text);
    return Number.isFinite(number) ? number : undefined;
  }
  return undefined;
}

/** The text of a non-null scalar of static type `type`, as CAST(… AS STRING) produces it. */
export function toText(value: unknown, type: Type, site: Span): string {
  if (typeof value === "string") return value;
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  if (typeof value === "number") {
    if (type.kind === "DECIMAL") return formatDecimal(value, type.scale);
    if (type.kind === "DOUBLE") return formatDouble(value);
    if (Number.isInteger(value) && Math.abs(value) < 1e21 && (isNumeric(type) || type.kind === "ANY")) return String(value);
    return formatDouble(value);
  }
  return fail("D3004", { value: describeValue(value), type: "STRING" }, site);
}
