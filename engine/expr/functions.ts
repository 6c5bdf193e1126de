import type { Span } from "./ast";
import { buildCompare, comparable } from "./compare";
import type { ErrorArgs } from "./errors";
import type { ExpressionLimits } from "./limits";
import { compileRegex, isPatternFailure } from "./regex";
import {
  charLength,
  checkStringLength,
  describeValue,
  fail,
  indexOfChars,
  numericResult,
  roundHalfUp,
  sliceChars,
  type Evaluator,
} from "./runtime";
import { T, boundedDecimal, commonType, formatType, type Type } from "./types";
import type { RE2JS } from "re2js";

/**
 * The built-in functions. Each declares its signature (parameter kinds,
 * optional and variadic parameters) and its result type; the checker verifies
 * calls against the signature, and the compiler asks the function for an
 * implementation specialised to the call site's argument types. Names are
 * looked up in a Map, never on an object, so no user text reaches a prototype.
 */

/** What an argument must be. INTEGER is INT or BIGINT; NUMERIC any number; ANY anything. */
export type ParamKind = "STRING" | "NUMERIC" | "INTEGER" | "BOOLEAN" | "ARRAY" | "ANY";

export type Signature = {
  params: readonly ParamKind[];
  /** How many of the trailing `params` may be omitted. */
  optional?: number;
  /** Kind of any number of further arguments after `params`. */
  variadic?: ParamKind;
};

/** A problem with the argument types beyond their kinds (incompatible types, …). */
export type TypeProblem = { problem: { code: "T1005" | "T1007" | "T1008"; args: ErrorArgs; argIndex?: number } };

/** What the compiler knows about one call: argument types, constant arguments, limits and location. */
export type CallSite = {
  name: string;
  argTypes: readonly Type[];
  resultType: Type;
  /** The value of each argument that is a literal (null for NULL), `undefined` for the others. */
  constants: readonly unknown[];
  limits: ExpressionLimits;
  site: Span;
};

/** An eager implementation: receives the evaluated arguments in a buffer it must not keep. */
export type Implementation = (args: unknown[]) => unknown;

export type FunctionDef = {
  name: string;
  signature: Signature;
  returns: (args: readonly Type[], site: Pick<CallSite, "constants">) => Type | TypeProblem;
  /** `propagate`: a NULL argument makes the result NULL without calling the implementation. */
  nulls: "propagate" | "custom";
  /** Eager implementation (arguments evaluated first, left to right). */
  build?: (site: CallSite) => Implementation;
  /** Lazy implementation for functions that evaluate only some arguments (COALESCE, IF). */
  buildLazy?: (site: CallSite, args: readonly Evaluator[]) => Evaluator;
  /** Static validation of constant arguments (e.g. a literal regex). */
  validate?: (site: CallSite) => { code: "T1011" | "L4004" | "L4005"; args: ErrorArgs; argIndex: number } | undefined;
  doc: { signature: string; summary: string; example: string };
};

const functions = new Map<string, FunctionDef>();

function define(def: FunctionDef, ...aliases: string[]): void {
  functions.set(def.name, def);
  for (const alias of aliases) functions.set(alias, { ...def, name: alias });
}

/** Looks up a built-in by upper-case name. */
export function lookupFunction(name: string): FunctionDef | undefined {
  return functions.get(name);
}

/** Every built-in name (aliases included), sorted. */
export function functionNames(): string[] {
  return [...functions.keys()].sort();
}

/** Every built-in definition (aliases included), sorted by name. */
export function functionDefinitions(): FunctionDef[] {
  return functionNames().map((name) => functions.get(name)!);
}

// ---------------------------------------------------------------------------
// Helpers

const fixed = (type: Type) => () => type;

/** The common type of the given argument types, or a T1008 problem naming `what`. */
function commonOf(types: readonly Type[], what: string): Type | TypeProblem {
  let result: Type = T.null;
  for (let i = 0; i < types.length; i++) {
    const next = commonType(result, types[i]!);
    if (!next) {
      return { problem: { code: "T1008", args: { what, left: formatType(result), right: formatType(types[i]!) }, argIndex: i } };
    }
    result = next;
  }
  return result;
}

/** The static type of an exact-or-approximate numeric result derived from one numeric argument. */
function sameNumeric(type: Type): Type {
  return type.kind === "ANY" || type.kind === "NULL" ? T.double : type;
}

/** The regex for argument `index`: precompiled when it is a literal, else compiled (and cached) per value. */
function regexArgument(site: CallSite, index: number): (pattern: string) => RE2JS {
  const constant = site.constants[index];
  const resolve = (pattern: string): RE2JS => {
    const compiled = compileRegex(pattern, site.limits);
    if (!isPatternFailure(compiled)) return compiled;
    return fail(compiled.code === "T1011" ? "D3006" : compiled.code, compiled.args, site.site);
  };
  if (typeof constant === "string") {
    const compiled = compileRegex(constant, site.limits);
    if (!isPatternFailure(compiled)) return () => compiled;
  }
  return resolve;
}

function validateRegex(index: number) {
  return (site: CallSite) => {
    const constant = site.constants[index];
    if (typeof constant !== "string") return undefined;
    const compiled = compileRegex(constant, site.limits);
    if (!isPatternFailure(compiled) || compiled.code === "T1014") return undefined;
    return { code: compiled.code, args: compiled.args, argIndex: index };
  };
}

function limitRegexInput(text: string, name: string, site: CallSite): void {
  if (text.length > site.limits.maxRegexInput) {
    fail("L4008", { what: name, length: text.length, limit: site.limits.maxRegexInput }, site.site);
  }
}

function trimWith(text: string, characters: string, left: boolean, right: boolean): string {
  let start = 0;
  let end = text.length;
  if (characters.length === 1) {
    const code = characters.charCodeAt(0);
    if (left) while (start < end && text.charCodeAt(start) === code) start++;
    if (right) while (end > start && text.charCodeAt(end - 1) === code) end--;
  } else {
    if (left) while (start < end && characters.includes(text[start]!)) start++;
    if (right) while (end > start && characters.includes(text[end - 1]!)) end--;
  }
  return text.slice(start, end);
}

// ---------------------------------------------------------------------------
// String functions

for (const [name, upper] of [
  ["LOWER", false],
  ["UPPER", true],
] as const) {
  define({
    name,
    signature: { params: ["STRING"] },
    returns: fixed(T.string),
    nulls: "propagate",
    build: (site) => (args) => {
      const text = args[0] as string;
      checkStringLength(text.length, site.limits.maxStringLength, name, site.site);
      return upper ? text.toUpperCase() : text.toLowerCase();
    },
    doc: {
      signature: `${name}(s STRING) → STRING`,
      summary: `The string in ${upper ? "upper" : "lower"} case.`,
      example: `${name}('MiXed') = '${upper ? "MIXED" : "mixed"}'`,
    },
  });
}

for (const [name, left, right, side] of [
  ["TRIM", true, true, "both ends"],
  ["LTRIM", true, false, "the start"],
  ["RTRIM", false, true, "the end"],
] as const) {
  define({
    name,
    signature: { params: ["STRING", "STRING"], optional: 1 },
    returns: fixed(T.string),
    nulls: "propagate",
    build: () => (args) => trimWith(args[0] as string, args.length > 1 ? (args[1] as string) : " ", left, right),
    doc: {
      signature: `${name}(s STRING [, characters STRING]) → STRING`,
      summary: `Removes spaces (only U+0020, as in Flink), or any of \`characters\`, from ${side}.`,
      example: `${name}('  a  ') = '${left && right ? "a" : left ? "a  " : "  a"}'`,
    },
  });
}

define({
  name: "CONCAT",
  signature: { params: ["STRING"], variadic: "STRING" },
  returns: fixed(T.string),
  nulls: "propagate",
  build: (site) => (args) => {
    let length = 0;
    for (const part of args) length += (part as string).length;
    checkStringLength(length, site.limits.maxStringLength, "CONCAT", site.site);
    return args.join("");
  },
  doc: {
    signature: "CONCAT(s1 STRING, s2 STRING, …) → STRING",
    summary: "The arguments joined together; NULL if any is NULL (like ||).",
    example: "CONCAT('a', 'b', 'c') = 'abc'",
  },
});

define({
  name: "CONCAT_WS",
  signature: { params: ["STRING", "STRING"], variadic: "STRING" },
  returns: fixed(T.string),
  nulls: "custom",
  build: (site) => (args) => {
    const separator = args[0];
    if (separator === null) return null;
    const parts: string[] = [];
    let length = 0;
    for (let i = 1; i < args.length; i++) {
      const part = args[i];
      if (part === null) continue;
      length += (part as string).length + (parts.length > 0 ? (separator as string).length : 0);
      checkStringLength(length, site.limits.maxStringLength, "CONCAT_WS", site.site);
      parts.push(part as string);
    }
    return parts.join(separator as string);
  },
  doc: {
    signature: "CONCAT_WS(separator STRING, s1 STRING, …) → STRING",
    summary: "The non-NULL arguments joined with `separator`; NULL only if `separator` is NULL.",
    example: "CONCAT_WS('-', 'a', NULL, 'b') = 'a-b'",
  },
});

define(
  {
    name: "SUBSTRING",
    signature: { params: ["STRING", "INTEGER", "INTEGER"], optional: 1 },
    returns: fixed(T.string),
    nulls: "propagate",
    build: () => (args) => {
      const text = args[0] as string;
      const position = args[1] as number;
      const length = args.length > 2 ? (args[2] as number) : Number.POSITIVE_INFINITY;
      if (length < 0) return null;
      const count = charLength(text);
      const start = position > 0 ? position - 1 : position < 0 ? count + position : 0;
      const end = Math.min(start + length, count);
      const from = Math.max(start, 0);
      return from >= end ? "" : sliceChars(text, from, end);
    },
    doc: {
      signature: "SUBSTRING(s STRING, start INT [, length INT]) → STRING, also SUBSTRING(s FROM start [FOR length])",
      summary:
        "`length` characters of `s` from position `start` (1-based; 0 counts as 1; negative counts from the end). NULL if `length` is negative.",
      example: "SUBSTRING('streaming', 1, 6) = 'stream'",
    },
  },
  "SUBSTR",
);

define(
  {
    name: "CHAR_LENGTH",
    signature: { params: ["STRING"] },
    returns: fixed(T.int),
    nulls: "propagate",
    build: () => (args) => charLength(args[0] as string),
    doc: {
      signature: "CHAR_LENGTH(s STRING) → INT (alias CHARACTER_LENGTH)",
      summary: "The number of characters (Unicode code points).",
      example: "CHAR_LENGTH('héllo') = 5",
    },
  },
  "CHARACTER_LENGTH",
);

define({
  name: "REPLACE",
  signature: { params: ["STRING", "STRING", "STRING"] },
  returns: fixed(T.string),
  nulls: "propagate",
  build: (site) => (args) => {
    const [text, search, replacement] = args as [string, string, string];
    const limit = site.limits.maxStringLength;
    checkStringLength(text.length, limit, "REPLACE", site.site);
    if (search.length === 0) {
      checkStringLength(text.length + (text.length + 1) * replacement.length, limit, "REPLACE", site.site);
      return text.length === 0 ? replacement : replacement + text.split("").join(replacement) + replacement;
    }
    const growth = replacement.length - search.length;
    if (growth > 0 && text.length + Math.floor(text.length / search.length) * growth > limit) {
      let count = 0;
      for (let at = text.indexOf(search); at >= 0; at = text.indexOf(search, at + search.length)) count++;
      checkStringLength(text.length + count * growth, limit, "REPLACE", site.site);
    }
    return text.includes(search) ? text.split(search).join(replacement) : text;
  },
  doc: {
    signature: "REPLACE(s STRING, search STRING, replacement STRING) → STRING",
    summary: "Every occurrence of `search` replaced (plain text, not a pattern, non-overlapping, left to right).",
    example: "REPLACE('a-b-c', '-', '+') = 'a+b+c'",
  },
});

define({
  name: "REGEXP_EXTRACT",
  signature: { params: ["STRING", "STRING", "INTEGER"], optional: 1 },
  returns: fixed(T.string),
  nulls: "propagate",
  validate: validateRegex(1),
  build: (site) => {
    const regex = regexArgument(site, 1);
    return (args) => {
      const text = args[0] as string;
      const group = args.length > 2 ? (args[2] as number) : 0;
      const compiled = regex(args[1] as string);
      limitRegexInput(text, "REGEXP_EXTRACT", site);
      const matcher = compiled.matcher(text);
      if (!matcher.find() || group < 0 || group > matcher.groupCount()) return null;
      return matcher.group(group);
    };
  },
  doc: {
    signature: "REGEXP_EXTRACT(s STRING, regex STRING [, group INT]) → STRING",
    summary:
      "The text matched by capture `group` (default 0: the whole match) at the first match of `regex`; NULL if there is no match or no such group.",
    example: "REGEXP_EXTRACT('order-123', 'order-(\\d+)', 1) = '123'",
  },
});

define({
  name: "REGEXP_REPLACE",
  signature: { params: ["STRING", "STRING", "STRING"] },
  returns: fixed(T.string),
  nulls: "propagate",
  validate: validateRegex(1),
  build: (site) => {
    const regex = regexArgument(site, 1);
    const limit = site.limits.maxStringLength;
    return (args) => {
      const [text, , replacement] = args as [string, string, string];
      const compiled = regex(args[1] as string);
      limitRegexInput(text, "REGEXP_REPLACE", site);
      let added = 0;
      const result = compiled.matcher(text).replaceAll(() => {
        added += replacement.length;
        checkStringLength(added, limit, "REGEXP_REPLACE", site.site);
        return replacement;
      });
      checkStringLength(result.length, limit, "REGEXP_REPLACE", site.site);
      return result;
    };
  },
  doc: {
    signature: "REGEXP_REPLACE(s STRING, regex STRING, replacement STRING) → STRING",
    summary: "Every match of `regex` replaced by `replacement`, taken literally (as in Flink: `$1` is not a group reference).",
    example: "REGEXP_REPLACE('a1b22', '[0-9]+', '#') = 'a#b#'",
  },
});

define({
  name: "REGEXP",
  signature: { params: ["STRING", "STRING"] },
  returns: fixed(T.boolean),
  nulls: "propagate",
  validate: validateRegex(1),
  build: (site) => {
    const regex = regexArgument(site, 1);
    return (args) => {
      const text = args[0] as string;
      const compiled = regex(args[1] as string);
      limitRegexInput(text, "REGEXP", site);
      return compiled.test(text);
    };
  },
  doc: {
    signature: "REGEXP(s STRING, regex STRING) → BOOLEAN",
    summary: "Whether some part of `s` matches `regex` (use ^…$ to match the whole string).",
    example: "REGEXP('abc123', '[0-9]+') = TRUE",
  },
});

define({
  name: "SPLIT",
  signature: { params: ["STRING", "STRING"] },
  returns: fixed(T.array(T.string)),
  nulls: "propagate",
  build: (site) => (args) => {
    const [text, delimiter] = args as [string, string];
    const limit = site.limits.maxArrayLength;
    if (delimiter.length === 0) {
      if (text.length > limit && charLength(text) > limit) fail("L4007", { what: "SPLIT", limit }, site.site);
      return Array.from(text);
    }
    let count = 1;
    for (let at = text.indexOf(delimiter); at >= 0; at = text.indexOf(delimiter, at + delimiter.length)) {
      if (++count > limit) fail("L4007", { what: "SPLIT", limit }, site.site);
    }
    return text.split(delimiter);
  },
  doc: {
    signature: "SPLIT(s STRING, delimiter STRING) → ARRAY<STRING>",
    summary:
      "`s` cut at every `delimiter` (plain text). Empty strings are kept between adjacent delimiters and at the ends; an empty delimiter splits into characters.",
    example: "SPLIT('a,b,,c', ',') = ['a', 'b', '', 'c']",
  },
});

define({
  name: "POSITION",
  signature: { params: ["STRING", "STRING"] },
  returns: fixed(T.int),
  nulls: "propagate",
  build: () => (args) => indexOfChars(args[1] as string, args[0] as string),
  doc: {
    signature: "POSITION(needle STRING IN s STRING) → INT",
    summary: "The 1-based position of the first `needle` in `s`, 0 if absent.",
    example: "POSITION('b' IN 'abc') = 2",
  },
});

for (const [name, left] of [
  ["LPAD", true],
  ["RPAD", false],
] as const) {
  define({
    name,
    signature: { params: ["STRING", "INTEGER", "STRING"] },
    returns: fixed(T.string),
    nulls: "propagate",
    build: (site) => (args) => {
      const [text, length, pad] = args as [string, number, string];
      if (length < 0 || pad.length === 0) return null;
      checkStringLength(length, site.limits.maxStringLength, name, site.site);
      if (text.length >= length) return text.slice(0, length);
      const fill = pad.repeat(Math.ceil((length - text.length) / pad.length)).slice(0, length - text.length);
      return left ? fill + text : text + fill;
    },
    doc: {
      signature: `${name}(s STRING, length INT, pad STRING) → STRING`,
      summary: `\`s\` ${left ? "left" : "right"}-padded with \`pad\` to \`length\` characters, or cut to \`length\`. NULL if \`length\` is negative or \`pad\` empty.`,
      example: left ? "LPAD('7', 3, '0') = '007'" : "RPAD('ab', 4, '.') = 'ab..'",
    },
  });
}

define({
  name: "INITCAP",
  signature: { params: ["STRING"] },
  returns: fixed(T.string),
  nulls: "propagate",
  build: (site) => (args) => {
    const text = args[0] as string;
    checkStringLength(text.length, site.limits.maxStringLength, "INITCAP", site.site);
    return text.toLowerCase().replace(/(^|[^\p{L}\p{N}])([\p{L}\p{N}])/gu, (_, before: string, first: string) => before + first.toUpperCase());
  },
  doc: {
    signature: "INITCAP(s STRING) → STRING",
    summary: "Each word (run of letters and digits) with its first letter upper case and the rest lower case.",
    example: "INITCAP('hello WORLD') = 'Hello World'",
  },
});

define({
  name: "REPEAT",
  signature: { params: ["STRING", "INTEGER"] },
  returns: fixed(T.string),
  nulls: "propagate",
  build: (site) => (args) => {
    const [text, times] = args as [string, number];
    if (times <= 0) return "";
    checkStringLength(text.length * times, site.limits.maxStringLength, "REPEAT", site.site);
    return text.repeat(times);
  },
  doc: {
    signature: "REPEAT(s STRING, times INT) → STRING",
    summary: "`s` repeated `times` times ('' when `times` ≤ 0).",
    example: "REPEAT('ab', 3) = 'ababab'",
  },
});

define({
  name: "REVERSE",
  signature: { params: ["STRING"] },
  returns: fixed(T.string),
  nulls: "propagate",
  build: (site) => (args) => {
    const text = args[0] as string;
    checkStringLength(text.length, site.limits.maxStringLength, "REVERSE", site.site);
    return Array.from(text).reverse().join("");
  },
  doc: {
    signature: "REVERSE(s STRING) → STRING",
    summary: "The characters of `s` in reverse order.",
    example: "REVERSE('abc') = 'cba'",
  },
});

// ---------------------------------------------------------------------------
// Conditional functions

define({
  name: "COALESCE",
  signature: { params: ["ANY"], variadic: "ANY" },
  returns: (args) => commonOf(args, "arguments of COALESCE"),
  nulls: "custom",
  buildLazy: (_, args) => (record) => {
    for (const arg of args) {
      const value = arg(record);
      if (value !== null) return value;
    }
    return null;
  },
  doc: {
    signature: "COALESCE(a, b, …) → common type of the arguments",
    summary: "The first argument that is not NULL (later arguments are not evaluated).",
    example: "COALESCE(nickname, name, 'anonymous')",
  },
});

define({
  name: "IFNULL",
  signature: { params: ["ANY", "ANY"] },
  returns: (args) => commonOf(args, "arguments of IFNULL"),
  nulls: "custom",
  buildLazy: (_, [value, fallback]) => (record) => {
    const result = value!(record);
    return result !== null ? result : fallback!(record);
  },
  doc: {
    signature: "IFNULL(a, b) → common type",
    summary: "`a` unless it is NULL, else `b`.",
    example: "IFNULL(discount, 0)",
  },
});

define({
  name: "IF",
  signature: { params: ["BOOLEAN", "ANY", "ANY"] },
  returns: (args) => commonOf(args.slice(1), "branches of IF"),
  nulls: "custom",
  buildLazy: (_, [condition, then, otherwise]) => (record) => (condition!(record) === true ? then! : otherwise!)(record),
  doc: {
    signature: "IF(condition BOOLEAN, a, b) → common type of a and b",
    summary: "`a` if `condition` is TRUE, else `b` (also when `condition` is NULL).",
    example: "IF(amount > 100, 'big', 'small')",
  },
});

define({
  name: "NULLIF",
  signature: { params: ["ANY", "ANY"] },
  returns: ([a, b]) =>
    comparable(a!, b!)
      ? a!
      : { problem: { code: "T1007", args: { left: formatType(a!), right: formatType(b!) }, argIndex: 1 } },
  nulls: "custom",
  build: (site) => {
    const compare = buildCompare(site.argTypes[0]!, site.argTypes[1]!, site.site);
    return ([a, b]) => (a === null ? null : b !== null && compare(a, b) === 0 ? null : a);
  },
  doc: {
    signature: "NULLIF(a, b) → type of a",
    summary: "NULL if `a` equals `b`, else `a`.",
    example: "NULLIF(status, '') — turns empty strings into NULL",
  },
});

for (const [name, sign] of [
  ["GREATEST", 1],
  ["LEAST", -1],
] as const) {
  define({
    name,
    signature: { params: ["ANY"], variadic: "ANY" },
    returns: (args) => {
      const type = commonOf(args, `arguments of ${name}`);
      if ("problem" in type) return type;
      if (type.kind === "ARRAY" || type.kind === "ROW") {
        return { problem: { code: "T1007", args: { left: formatType(type), right: formatType(type) } } };
      }
      return type;
    },
    nulls: "propagate",
    build: (site) => {
      const types = site.argTypes;
      const anyTyped = types.some((type) => type.kind === "ANY");
      const compare = buildCompare(anyTyped ? T.any : types[0]!, anyTyped ? T.any : types[0]!, site.site);
      return (args) => {
        let best = args[0];
        for (let i = 1; i < args.length; i++) {
          const value = args[i];
          if (compare(value, best) * sign > 0) best = value;
        }
        return best;
      };
    },
    doc: {
      signature: `${name}(a, b, …) → common type`,
      summary: `The ${sign > 0 ? "largest" : "smallest"} argument; NULL if any argument is NULL.`,
      example: `${name}(1, 5, 3) = ${sign > 0 ? 5 : 1}`,
    },
  });
}

// ---------------------------------------------------------------------------
// Numeric functions

define({
  name: "ABS",
  signature: { params: ["NUMERIC"] },
  returns: ([x]) => sameNumeric(x!),
  nulls: "propagate",
  build: (site) => (args) => numericResult(Math.abs(args[0] as number), site.resultType, "ABS", site.site),
  doc: { signature: "ABS(x NUMERIC) → type of x", summary: "The absolute value.", example: "ABS(-4.5) = 4.5" },
});

define({
  name: "ROUND",
  signature: { params: ["NUMERIC", "INTEGER"], optional: 1 },
  returns: ([x, d], { constants }) => {
    if (x!.kind !== "DECIMAL") return sameNumeric(x!);
    const digits = d === undefined ? 0 : constants[1];
    const scale = typeof digits === "number" ? Math.max(0, Math.min(x!.scale, digits)) : x!.scale;
    return boundedDecimal(x!.precision - x!.scale + scale + 1, scale);
  },
  nulls: "propagate",
  build: (site) => (args) => {
    const digits = args.length > 1 ? (args[1] as number) : 0;
    const value = args[0] as number;
    const rounded = digits >= 0 && (site.resultType.kind === "INT" || site.resultType.kind === "BIGINT") ? value : roundHalfUp(value, digits);
    return numericResult(rounded, site.resultType, "ROUND", site.site);
  },
  doc: {
    signature: "ROUND(x NUMERIC [, digits INT]) → type of x",
    summary: "`x` rounded half away from zero to `digits` decimal places (default 0; negative rounds left of the point).",
    example: "ROUND(2.345, 2) = 2.35",
  },
});

for (const [name, op, aliases] of [
  ["FLOOR", Math.floor, []],
  ["CEIL", Math.ceil, ["CEILING"]],
] as const) {
  define(
    {
      name,
      signature: { params: ["NUMERIC"] },
      returns: ([x]) => (x!.kind === "DECIMAL" ? boundedDecimal(x!.precision - x!.scale + 1, 0) : sameNumeric(x!)),
      nulls: "propagate",
      build: (site) => (args) => numericResult(op(args[0] as number), site.resultType, name, site.site),
      doc: {
        signature: `${name}(x NUMERIC) → type of x (DECIMAL scale 0)${aliases.length ? " (alias CEILING)" : ""}`,
        summary: `The ${name === "FLOOR" ? "largest integer ≤" : "smallest integer ≥"} x.`,
        example: `${name}(2.5) = ${name === "FLOOR" ? 2 : 3}`,
      },
    },
    ...aliases,
  );
}

define({
  name: "MOD",
  signature: { params: ["NUMERIC", "NUMERIC"] },
  returns: ([a, b]) => {
    const type = commonType(sameNumeric(a!), sameNumeric(b!));
    return type ?? T.double;
  },
  nulls: "propagate",
  build: (site) => (args) => {
    const [a, b] = args as [number, number];
    if (b === 0) fail("D3001", {}, site.site);
    return numericResult(a % b, site.resultType, "MOD", site.site);
  },
  doc: {
    signature: "MOD(a NUMERIC, b NUMERIC) → common type",
    summary: "The remainder of a / b, with the sign of `a` (same as a % b). Division by zero is an error (D3001).",
    example: "MOD(7, 3) = 1",
  },
});

define({
  name: "SIGN",
  signature: { params: ["NUMERIC"] },
  returns: ([x]) => sameNumeric(x!),
  nulls: "propagate",
  build: () => (args) => {
    const sign = Math.sign(args[0] as number);
    return sign === 0 ? 0 : sign;
  },
  doc: { signature: "SIGN(x NUMERIC) → type of x", summary: "-1, 0 or 1.", example: "SIGN(-7) = -1" },
});

const doubleFunctions: [string, number, (...xs: number[]) => number, string, string][] = [
  ["POWER", 2, Math.pow, "POWER(base NUMERIC, exponent NUMERIC) → DOUBLE", "POWER(2, 10) = 1024.0"],
  ["SQRT", 1, Math.sqrt, "SQRT(x NUMERIC) → DOUBLE", "SQRT(16) = 4.0"],
  ["LN", 1, Math.log, "LN(x NUMERIC) → DOUBLE", "LN(1) = 0.0"],
  ["LOG10", 1, Math.log10, "LOG10(x NUMERIC) → DOUBLE", "LOG10(1000) = 3.0"],
  ["LOG2", 1, Math.log2, "LOG2(x NUMERIC) → DOUBLE", "LOG2(8) = 3.0"],
  ["EXP", 1, Math.exp, "EXP(x NUMERIC) → DOUBLE", "EXP(0) = 1.0"],
];
for (const [name, arity, op, signature, example] of doubleFunctions) {
  define({
    name,
    signature: { params: arity === 2 ? ["NUMERIC", "NUMERIC"] : ["NUMERIC"] },
    returns: fixed(T.double),
    nulls: "propagate",
    build: (site) =>
      arity === 2
        ? (args) => numericResult(op(args[0] as number, args[1] as number), T.double, name, site.site)
        : (args) => numericResult(op(args[0] as number), T.double, name, site.site),
    doc: {
      signature,
      summary: `${name === "POWER" ? "base raised to exponent" : `${name.toLowerCase()} of x`}; a result that is not a finite number (NaN, ±Infinity) is an error (D3003).`,
      example,
    },
  });
}

define({
  name: "LOG",
  signature: { params: ["NUMERIC", "NUMERIC"], optional: 1 },
  returns: fixed(T.double),
  nulls: "propagate",
  build: (site) => (args) => {
    const value = args.length === 1 ? Math.log(args[0] as number) : Math.log(args[1] as number) / Math.log(args[0] as number);
    return numericResult(value, T.double, "LOG", site.site);
  },
  doc: {
    signature: "LOG(x NUMERIC) or LOG(base NUMERIC, x NUMERIC) → DOUBLE",
    summary: "Natural logarithm of x, or logarithm of x to `base`.",
    example: "LOG(2, 8) = 3.0",
  },
});

// ---------------------------------------------------------------------------
// Array functions

define({
  name: "CARDINALITY",
  signature: { params: ["ARRAY"] },
  returns: fixed(T.int),
  nulls: "propagate",
  build: () => (args) => (args[0] as unknown[]).length,
  doc: { signature: "CARDINALITY(a ARRAY) → INT", summary: "The number of elements.", example: "CARDINALITY(SPLIT('a,b', ',')) = 2" },
});

define({
  name: "ARRAY_CONTAINS",
  signature: { params: ["ARRAY", "ANY"] },
  returns: ([array, value]) => {
    const element = array!.kind === "ARRAY" ? array!.element : T.any;
    return comparable(element, value!)
      ? T.boolean
      : { problem: { code: "T1007", args: { left: formatType(element), right: formatType(value!) }, argIndex: 1 } };
  },
  nulls: "custom",
  build: (site) => {
    const array = site.argTypes[0]!;
    const element = array.kind === "ARRAY" ? array.element : T.any;
    const compare = buildCompare(element.kind === "NULL" ? T.any : element, site.argTypes[1]!, site.site);
    return ([array, value]) => {
      if (array === null) return null;
      for (const item of array as unknown[]) {
        if (item === null || item === undefined) {
          if (value === null) return true;
        } else if (value !== null && compare(item, value) === 0) return true;
      }
      return false;
    };
  },
  doc: {
    signature: "ARRAY_CONTAINS(a ARRAY<T>, value T) → BOOLEAN",
    summary: "Whether the array holds `value` (a NULL `value` looks for a NULL element, as in Flink); NULL only if the array is NULL.",
    example: "ARRAY_CONTAINS(SPLIT('a,b', ','), 'b') = TRUE",
  },
});

define({
  name: "ARRAY_JOIN",
  signature: { params: ["ARRAY", "STRING", "STRING"], optional: 1 },
  returns: ([array]) =>
    array!.kind !== "ARRAY" || array!.element.kind === "STRING" || array!.element.kind === "ANY" || array!.element.kind === "NULL"
      ? T.string
      : { problem: { code: "T1005", args: { index: 1, name: "ARRAY_JOIN", expected: "ARRAY<STRING>", actual: formatType(array!) }, argIndex: 0 } },
  nulls: "propagate",
  build: (site) => (args) => {
    const [array, delimiter] = args as [unknown[], string];
    const replacement = args.length > 2 ? (args[2] as string) : null;
    const parts: string[] = [];
    let length = 0;
    for (const item of array) {
      const part = item === null || item === undefined ? replacement : item;
      if (part === null) continue;
      if (typeof part !== "string") fail("D3005", { what: "An element of the ARRAY_JOIN array", expected: "STRING", actual: describeValue(part) }, site.site);
      length += part.length + (parts.length > 0 ? delimiter.length : 0);
      checkStringLength(length, site.limits.maxStringLength, "ARRAY_JOIN", site.site);
      parts.push(part);
    }
    return parts.join(delimiter);
  },
  doc: {
    signature: "ARRAY_JOIN(a ARRAY<STRING>, delimiter STRING [, nullReplacement STRING]) → STRING",
    summary: "The elements joined with `delimiter`; NULL elements are skipped unless `nullReplacement` is given.",
    example: "ARRAY_JOIN(SPLIT('a b', ' '), '+') = 'a+b'",
  },
});

/** Aggregate functions are not scalar: using one is T1015. */
export const aggregateFunctionNames: ReadonlySet<string> = new Set([
  "COUNT", "SUM", "AVG", "MIN", "MAX", "COLLECT", "LISTAGG", "FIRST_VALUE", "LAST_VALUE", "STDDEV_POP", "VAR_POP",
]);

