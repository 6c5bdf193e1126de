import type { Expr } from "./ast";
import { checkExpression, type ExpressionOptions } from "./index";
import { lookupFunction } from "./functions";
import { T, formatType, type Type } from "./types";

/**
 * The Flink SQL back end of the expression language: turns a checked syntax
 * tree into a Flink SQL expression. The language was designed after Flink SQL,
 * so almost every node maps to the same construct; the compiler parenthesises
 * every compound node so precedence never depends on Flink's grammar, quotes
 * every identifier (Flink reserves words such as `count`, `value`, `one`), and
 * spells the keyword forms the parser normalised (POSITION, TRIM, SUBSTRING)
 * back in Flink's syntax. What has no Flink equivalent is rejected with the
 * span of the node that causes it.
 */

export type FlinkSqlResult = { ok: true; sql: string; type: Type } | { ok: false; reason: string; start: number; end: number };

/**
 * A run-time failure of the embedded evaluator that the guarded Flink SQL
 * detects per row: `when` is a BOOLEAN SQL condition, never NULL, true for the
 * rows the embedded engine would dead-letter with `code`; `message` is a
 * STRING SQL expression giving the embedded engine's message.
 */
export type FlinkFailure = { when: string; code: "D3001" | "D3004"; message: string };

/**
 * The guarded compile: failures the embedded evaluator raises that Flink would
 * either fail the job on (a CAST of bad text, an integer division by zero) or
 * pass silently (a DOUBLE division by zero). Failures in positions the
 * embedded evaluator may skip (a CASE branch, an operand of AND/OR after the
 * first, COALESCE/IFNULL/IF arguments after the first) cannot be matched per
 * row in SQL: they are written so they never fail the Flink job (TRY_CAST,
 * NULLIF) and listed in `unmatched`, for a warning on the node.
 */
export type GuardedFlinkSql = { sql: string; type: Type; failures: FlinkFailure[]; unmatched: { reason: string; start: number; end: number }[] };

export type GuardedFlinkSqlResult = ({ ok: true } & GuardedFlinkSql) | { ok: false; reason: string; start: number; end: number };

/** Thrown inside the compiler to abandon a tree; turned into `{ ok: false }` at the top. */
class Unsupported extends Error {
  constructor(
    readonly reason: string,
    readonly node: Expr,
  ) {
    super(reason);
  }
}

/** Flink SQL identifier quoting: always backquoted, a backquote doubled. */
export function flinkIdentifier(name: string): string {
  return `\`${name.replaceAll("`", "``")}\``;
}

/**
 * A Flink SQL string literal. Printable text is written as is (a quote
 * doubled); control characters and lone surrogates use Flink's Unicode escape
 * form `U&'\XXXX'`, so the statement text stays on one line.
 */
export function flinkString(value: string): string {
  if (!/[\u0000-\u001f\u007f\\\ud800-\udfff]/.test(value)) return `'${value.replaceAll("'", "''")}'`;
  let body = "";
  for (const ch of value) {
    const code = ch.codePointAt(0)!;
    if (ch === "'") body += "''";
    else if (ch === "\\") body += "\\\\";
    else if (code < 0x20 || code === 0x7f || (code >= 0xd800 && code <= 0xdfff)) body += `\\${code.toString(16).padStart(4, "0").toUpperCase()}`;
    // Flink's U& literals know only four-digit escapes: a character beyond the BMP is written as itself.
    else body += ch;
  }
  return `U&'${body}'`;
}

/** Functions whose Flink name and argument order are the same as ours. */
const SAME_NAME = new Set([
  "ABS", "ARRAY_CONTAINS", "ARRAY_JOIN", "CARDINALITY", "CEIL", "CEILING", "CHARACTER_LENGTH", "CHAR_LENGTH", "COALESCE",
  "CONCAT", "CONCAT_WS", "EXP", "FLOOR", "GREATEST", "IF", "IFNULL", "INITCAP", "LEAST", "LN", "LOG", "LOG10", "LOG2",
  "LOWER", "LPAD", "MOD", "NULLIF", "POWER", "REGEXP", "REGEXP_EXTRACT", "REGEXP_REPLACE", "REPEAT", "REPLACE",
  "REVERSE", "ROUND", "RPAD", "SIGN", "SPLIT", "SQRT", "SUBSTR", "UPPER",
]);

/**
 * Compiles a checked tree. `typeOf` is the checker's type of each node (used
 * to type NULL literals, which Flink needs in CASE branches and calls).
 */
export function compileFlinkSqlTree(ast: Expr, typeOf: (node: Expr) => Type): FlinkSqlResult {
  try {
    const sql = new FlinkSqlCompiler(typeOf).visit(ast, null);
    return { ok: true, sql, type: typeOf(ast) };
  } catch (error) {
    if (error instanceof Unsupported) return { ok: false, reason: error.reason, start: error.node.start, end: error.node.end };
    throw error;
  }
}

/** Compiles a checked tree with per-row failure guards (see {@link GuardedFlinkSql}). */
export function compileGuardedFlinkSqlTree(ast: Expr, typeOf: (node: Expr) => Type): GuardedFlinkSqlResult {
  try {
    const compiler = new FlinkSqlCompiler(typeOf, { failures: [], unmatched: [] });
    const sql = compiler.visit(ast, null);
    return { ok: true, sql, type: typeOf(ast), failures: compiler.guards!.failures, unmatched: compiler.guards!.unmatched };
  } catch (error) {
    if (error instanceof Unsupported) return { ok: false, reason: error.reason, start: error.node.start, end: error.node.end };
    throw error;
  }
}

/** Types a CAST from text can fail on (D3004), as the embedded evaluator's buildCast refuses bad text for them. */
const FALLIBLE_CAST_TARGETS = new Set(["INT", "BIGINT", "DOUBLE", "DECIMAL", "BOOLEAN"]);

/** Functions that surely evaluate only their first argument (the embedded evaluator is lazy in the rest). */
const LAZY_AFTER_FIRST = new Set(["COALESCE", "IFNULL", "IF"]);

/**
 * The embedded evaluator's describeValue of a STRING value, in SQL: quoted,
 * quotes doubled, cut to 40 characters with an ellipsis.
 */
function describeStringSql(sql: string): string {
  return `('''' || REPLACE(CASE WHEN CHAR_LENGTH(${sql}) > 40 THEN SUBSTRING(${sql} FROM 1 FOR 40) || U&'\\2026' ELSE ${sql} END, '''', '''''') || '''')`;
}

/**
 * Parses, checks and compiles expression text to Flink SQL against an input
 * record type. Parse and type problems are returned as the first error's
 * message and span, as the JavaScript compiler reports them.
 */
export function compileFlinkSql(text: string, options: ExpressionOptions = {}): FlinkSqlResult {
  const checked = checkExpression(text, options);
  if (!checked.ok) {
    const first = checked.errors[0]!;
    return { ok: false, reason: first.message, start: first.start, end: first.end };
  }
  return compileFlinkSqlTree(checked.ast, checked.typeOf);
}

class FlinkSqlCompiler {
  /** > 0 while visiting a position the embedded evaluator may skip. */
  private lazy = 0;

  constructor(
    private readonly typeOf: (node: Expr) => Type,
    readonly guards: { failures: FlinkFailure[]; unmatched: { reason: string; start: number; end: number }[] } | null = null,
  ) {}

  /** Visits a position the embedded evaluator evaluates for some records only. */
  private visitLazy(node: Expr, hint: Type | null = null): string {
    this.lazy++;
    try {
      return this.visit(node, hint);
    } finally {
      this.lazy--;
    }
  }

  /** Records a guard: matched per row in a position always evaluated, else only reported. */
  private guard(node: Expr, failure: FlinkFailure, what: string) {
    if (!this.guards) return;
    if (this.lazy > 0) this.guards.unmatched.push({ reason: what, start: node.start, end: node.end });
    else this.guards.failures.push(failure);
  }

  /**
   * `hint` is the type the position expects, from a sibling or the parent:
   * Flink refuses an untyped NULL ("Illegal use of 'NULL'") where the
   * checker's NULL type says nothing, so such a NULL is cast to the hint
   * (STRING when there is none).
   */
  visit(node: Expr, hint: Type | null = null): string {
    const t = (other: Expr) => this.typeOf(other);
    switch (node.kind) {
      case "number":
        return node.value < 0 ? `(${node.text})` : node.text;
      case "string":
        return flinkString(node.value);
      case "boolean":
        return node.value ? "TRUE" : "FALSE";
      case "null":
        return this.typedNull(node, hint);
      case "field":
        return node.path.map(flinkIdentifier).join(".");
      case "unary":
        return node.op === "NOT" ? `(NOT ${this.visit(node.operand, T.boolean)})` : `(${node.op}${this.visit(node.operand, T.int)})`;
      case "binary": {
        const numeric = ["+", "-", "*", "/", "%"].includes(node.op) ? T.int : node.op === "||" ? T.string : null;
        const left = this.visit(node.left, numeric ?? t(node.right));
        const right = this.visit(node.right, numeric ?? t(node.left));
        if (this.guards && (node.op === "/" || node.op === "%")) {
          const what = `${node.op === "/" ? "a division" : "a remainder"} by zero gives NULL on Flink where the embedded engine dead-letters the record (D3001)`;
          this.guard(node, { when: `((${right}) = 0) IS TRUE`, code: "D3001", message: `'Division by zero'` }, what);
          return node.op === "%" ? `MOD(${left}, NULLIF(${right}, 0))` : `(${left} / NULLIF(${right}, 0))`;
        }
        if (node.op === "%") return `MOD(${left}, ${right})`;
        return `(${left} ${node.op} ${right})`;
      }
      case "logical":
        return `(${node.operands.map((operand, i) => (i === 0 ? this.visit(operand, T.boolean) : this.visitLazy(operand, T.boolean))).join(` ${node.op} `)})`;
      case "is":
        return `(${this.visit(node.operand, node.test === "NULL" ? null : T.boolean)} IS ${node.negated ? "NOT " : ""}${node.test})`;
      case "distinct":
        return `(${this.visit(node.left, t(node.right))} IS ${node.negated ? "NOT " : ""}DISTINCT FROM ${this.visit(node.right, t(node.left))})`;
      case "in": {
        const listType = node.list.map(t).find((type) => type.kind !== "NULL") ?? null;
        return `(${this.visit(node.operand, listType)} ${node.negated ? "NOT " : ""}IN (${node.list.map((item) => this.visit(item, t(node.operand))).join(", ")}))`;
      }
      case "between": {
        const bound = [node.low, node.high].map(t).find((type) => type.kind !== "NULL") ?? null;
        return `(${this.visit(node.operand, bound)} ${node.negated ? "NOT " : ""}BETWEEN ${node.symmetric ? "SYMMETRIC " : ""}${this.visit(node.low, t(node.operand))} AND ${this.visit(node.high, t(node.operand))})`;
      }
      case "like":
        // Flink types a literal as CHAR(n), and LIKE accepts only STRING: widen the operands.
        return `(${this.asString(node.operand)} ${node.negated ? "NOT " : ""}LIKE ${this.asString(node.pattern)}${node.escape ? ` ESCAPE ${this.asString(node.escape)}` : ""})`;
      case "case": {
        const result = t(node);
        const parts = ["CASE"];
        if (node.subject) parts.push(this.visit(node.subject, node.branches.map((b) => t(b.when)).find((type) => type.kind !== "NULL") ?? null));
        // Only the first WHEN is evaluated for every record; the other WHENs and every result for some.
        node.branches.forEach((branch, i) => {
          const whenHint = node.subject ? t(node.subject) : T.boolean;
          const when = i === 0 ? this.visit(branch.when, whenHint) : this.visitLazy(branch.when, whenHint);
          parts.push(`WHEN ${when} THEN ${this.visitLazy(branch.then, result)}`);
        });
        if (node.otherwise) parts.push(`ELSE ${this.visitLazy(node.otherwise, result)}`);
        parts.push("END");
        return `(${parts.join(" ")})`;
      }
      case "cast":
        if (node.target.kind === "ANY" || node.target.kind === "NULL") throw new Unsupported(`Flink SQL has no type ${node.target.kind}`, node);
        // CAST(NULL AS INT) is already a typed NULL; Flink refuses to cast its NULL type.
        if (node.operand.kind === "null") return `CAST(NULL AS ${this.flinkType(node.target, node)})`;
        if (this.guards && !node.safe && FALLIBLE_CAST_TARGETS.has(node.target.kind) && ["STRING", "ANY"].includes(t(node.operand).kind)) {
          // Flink's CAST of bad text fails the job; the embedded engine dead-letters the record (D3004).
          const operand = this.visit(node.operand);
          const target = this.flinkType(node.target, node);
          const message = `'Cannot cast ' || ${describeStringSql(operand)} || ' to ${formatType(node.target)}'`;
          const what = `a CAST of text that is not a ${formatType(node.target)} gives NULL on Flink where the embedded engine dead-letters the record (D3004)`;
          this.guard(node, { when: `(${operand} IS NOT NULL AND TRY_CAST(${operand} AS ${target}) IS NULL)`, code: "D3004", message }, what);
          return `TRY_CAST(${operand} AS ${target})`;
        }
        return `${node.safe ? "TRY_CAST" : "CAST"}(${this.visit(node.operand)} AS ${this.flinkType(node.target, node)})`;
      case "call":
        return this.call(node);
      case "index":
        return `${this.visit(node.target)}[${this.visit(node.index, T.int)}]`;
      case "member":
        return `${this.visit(node.target)}.${flinkIdentifier(node.name)}`;
      case "array": {
        if (node.elements.length === 0) throw new Unsupported("Flink SQL cannot construct an empty array (ARRAY[] has no element type)", node);
        const element = t(node).kind === "ARRAY" ? (t(node) as { element: Type }).element : null;
        return `ARRAY[${node.elements.map((item) => this.visit(item, element)).join(", ")}]`;
      }
    }
  }

  private call(node: Expr & { kind: "call" }): string {
    const def = lookupFunction(node.name);
    const result = this.typeOf(node);
    const args = node.args.map((arg, i) => {
      const kind = def ? (def.signature.params[i] ?? def.signature.variadic) : undefined;
      const fromKind = kind === "STRING" ? T.string : kind === "NUMERIC" ? T.double : kind === "INTEGER" ? T.int : kind === "BOOLEAN" ? T.boolean : kind === "ARRAY" ? T.array(T.string) : null;
      const hint = fromKind ?? (result.kind === "NULL" ? null : result);
      const sql = i > 0 && LAZY_AFTER_FIRST.has(node.name) ? this.visitLazy(arg, hint) : this.visit(arg, hint);
      // Flink types 'abc' as CHAR(3) and sizes some results by it (UPPER('straße') would lose a letter).
      return arg.kind === "string" ? `CAST(${sql} AS STRING)` : sql;
    });
    switch (node.name) {
      case "POSITION":
        return `POSITION(${args[0]} IN ${args[1]})`;
      case "SUBSTRING":
        return args.length === 3 ? `SUBSTRING(${args[0]} FROM ${args[1]} FOR ${args[2]})` : `SUBSTRING(${args[0]} FROM ${args[1]})`;
      case "TRIM":
        return args.length === 2 ? `TRIM(BOTH ${args[1]} FROM ${args[0]})` : `TRIM(${args[0]})`;
      case "LTRIM":
        return args.length === 2 ? `TRIM(LEADING ${args[1]} FROM ${args[0]})` : `LTRIM(${args[0]})`;
      case "RTRIM":
        return args.length === 2 ? `TRIM(TRAILING ${args[1]} FROM ${args[0]})` : `RTRIM(${args[0]})`;
      case "MOD":
        if (!this.guards) return `MOD(${args.join(", ")})`;
        this.guard(node, { when: `((${args[1]}) = 0) IS TRUE`, code: "D3001", message: `'Division by zero'` }, "MOD by zero gives NULL on Flink where the embedded engine dead-letters the record (D3001)");
        return `MOD(${args[0]}, NULLIF(${args[1]}, 0))`;
      default:
        if (!SAME_NAME.has(node.name)) throw new Unsupported(`${node.name} has no Flink SQL equivalent`, node);
        return `${node.name}(${args.join(", ")})`;
    }
  }

  private typedNull(node: Expr, hint: Type | null): string {
    const own = this.typeOf(node);
    const type = own.kind !== "NULL" && own.kind !== "ANY" ? own : hint && hint.kind !== "NULL" && hint.kind !== "ANY" ? hint : T.string;
    return `CAST(NULL AS ${this.flinkType(type, node)})`;
  }

  /** An operand of LIKE: a string literal widened to STRING, anything else as it is. */
  private asString(node: Expr): string {
    const sql = this.visit(node, T.string);
    return node.kind === "string" ? `CAST(${sql} AS STRING)` : sql;
  }

  private flinkType(type: Type, node: Expr): string {
    const text = formatType(type);
    if (text.includes("ANY") || text.includes("…")) throw new Unsupported(`Flink SQL needs a concrete type, not ${text}`, node);
    return text;
  }
}
