import { RE2JS } from "re2js";
import type { ErrorArgs } from "./errors";
import type { ExpressionLimits } from "./limits";

/**
 * Regular expressions and LIKE patterns, matched by RE2 (re2js): linear time
 * in the input, whatever the pattern. The syntax is RE2's, not Java's as in
 * Flink: no backreferences (`\1`) and no lookaround (`(?=…)`, `(?<!…)`);
 * possessive and atomic groups are not needed because nothing backtracks.
 * Compiled patterns are cached (failures too), so a pattern that comes from
 * the data costs one compilation per distinct value.
 */

export type PatternFailure = { code: "T1011" | "T1014" | "L4004" | "L4005"; args: ErrorArgs };

const CACHE_SIZE = 512;
const regexCache = new Map<string, RE2JS | PatternFailure>();

function remember<V>(cache: Map<string, V>, key: string, value: V): V {
  if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value!);
  cache.set(key, value);
  return value;
}

function recall<V>(cache: Map<string, V>, key: string): V | undefined {
  const value = cache.get(key);
  if (value !== undefined) {
    cache.delete(key);
    cache.set(key, value);
  }
  return value;
}

export function isPatternFailure(value: unknown): value is PatternFailure {
  return typeof value === "object" && value !== null && Object.hasOwn(value, "code");
}

/** Compiles an RE2 pattern within the length and program-size limits, or describes why not. */
export function compileRegex(pattern: string, limits: ExpressionLimits, flags = 0): RE2JS | PatternFailure {
  if (pattern.length > limits.maxRegexLength) {
    return { code: "L4004", args: { length: pattern.length, limit: limits.maxRegexLength } };
  }
  const key = `${flags}:${limits.maxRegexProgram}:${pattern}`;
  const cached = recall(regexCache, key);
  if (cached !== undefined) return cached;
  let compiled: RE2JS;
  try {
    compiled = RE2JS.compile(pattern, flags);
  } catch (error) {
    const detail = error instanceof Error ? error.message.replace(/^error parsing regexp: /, "") : String(error);
    return remember(regexCache, key, { code: "T1011", args: { detail } });
  }
  const size = compiled.programSize();
  if (size > limits.maxRegexProgram) {
    return remember(regexCache, key, { code: "L4005", args: { size, limit: limits.maxRegexProgram } });
  }
  return remember(regexCache, key, compiled);
}

/**
 * A compiled LIKE pattern. `%` matches any run of characters (newlines
 * included), `_` exactly one; with an escape character `e`, `e%` `e_` and `ee`
 * are literal. Patterns without `_` are matched by plain string search;
 * patterns with `_` by RE2 (`usesRegex`), which is subject to `maxRegexInput`.
 */
export type LikeMatcher = { test: (text: string) => boolean; usesRegex: boolean };

const likeCache = new Map<string, LikeMatcher | PatternFailure>();

type LikePart = { literal: string } | { wildcard: "%" | "_" };

/** Compiles a LIKE pattern with an optional escape character ('' or null: none), or describes why not. */
export function compileLike(pattern: string, escape: string | null, limits: ExpressionLimits): LikeMatcher | PatternFailure {
  if (escape !== null && escape.length > 1) {
    return { code: "T1014", args: { detail: `the escape must be a single character, not '${escape.slice(0, 20)}'` } };
  }
  if (pattern.length > limits.maxRegexLength) {
    return { code: "L4004", args: { length: pattern.length, limit: limits.maxRegexLength } };
  }
  const key = `${escape ?? ""}:${limits.maxRegexProgram}:${pattern}`;
  const cached = recall(likeCache, key);
  if (cached !== undefined) return cached;
  return remember(likeCache, key, buildLike(pattern, escape || null, limits));
}

function buildLike(pattern: string, escape: string | null, limits: ExpressionLimits): LikeMatcher | PatternFailure {
  const parts: LikePart[] = [];
  let literal = "";
  let underscore = false;
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern[i]!;
    if (escape !== null && char === escape) {
      const next = pattern[i + 1];
      if (next !== "%" && next !== "_" && next !== escape) {
        const detail = `the escape character '${escape}' must be followed by %, _ or itself (at position ${i + 1})`;
        return { code: "T1014", args: { detail } };
      }
      literal += next;
      i++;
      continue;
    }
    if (char === "%" || char === "_") {
      if (literal) parts.push({ literal });
      literal = "";
      if (char === "_") underscore = true;
      const last = parts[parts.length - 1];
      if (!(char === "%" && last && "wildcard" in last && last.wildcard === "%")) parts.push({ wildcard: char });
      continue;
    }
    literal += char;
  }
  if (literal) parts.push({ literal });
  if (!underscore) return { test: percentMatcher(parts), usesRegex: false };
  const source = parts
    .map((part) => ("literal" in part ? quoteRegex(part.literal) : part.wildcard === "%" ? ".*" : "."))
    .join("");
  const regex = compileRegex(source, { ...limits, maxRegexLength: Number.POSITIVE_INFINITY }, RE2JS.DOTALL);
  if (isPatternFailure(regex)) return regex;
  return { test: (text) => regex.testExact(text), usesRegex: true };
}

/** Matches a pattern made of literals and `%` only, by anchored prefix/suffix and greedy left-to-right search. */
function percentMatcher(parts: LikePart[]): (text: string) => boolean {
  const literals = parts.map((part) => ("literal" in part ? part.literal : null));
  if (literals.length === 0) return (text) => text.length === 0;
  if (literals.length === 1 && literals[0] !== null) {
    const only = literals[0];
    return (text) => text === only;
  }
  const prefix = literals[0] ?? "";
  const suffix = literals[literals.length - 1] ?? "";
  const middle = literals.slice(1, -1).filter((part): part is string => part !== null);
  return (text) => {
    if (text.length < prefix.length + suffix.length) return false;
    if (!text.startsWith(prefix) || !text.endsWith(suffix)) return false;
    let position = prefix.length;
    const limit = text.length - suffix.length;
    for (const part of middle) {
      const found = text.indexOf(part, position);
      if (found < 0 || found + part.length > limit) return false;
      position = found + part.length;
    }
    return true;
  };
}

function quoteRegex(text: string): string {
  return text.replace(/[\\^$.|?*+()[\]{}]/g, "\\$&");
}
