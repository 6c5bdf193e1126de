import type { Expr } from "./ast";
import { checkExpression, type ExpressionOptions } from "./index";
import { formatType, type Type } from "./types";

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
    else if (code > 0xffff) body += `\\+${code.toString(16).padStart(6, "0").toUpperCase()}`;
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
    const sql = new FlinkSqlCompiler(typeOf).visit(ast);
    return { ok: true, sql, type: typeOf(ast) };
  } catch (error) {
    if (error instanceof Unsupported) return { ok: false, reason: error.reason, start: error.node.start, end: error.node.end };
    throw error;
  }
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
  constructor(private readonly typeOf: (node: Expr) => Type) {}

  visit(node: Expr): string {
    switch (node.kind) {
      case "number":
        return node.value < 0 ? `(${node.text})` : node.text;
      case "string":
        return flinkString(node.value);
      case "boolean":
        return node.value ? "TRUE" : "FALSE";
      case "null":
        return this.typedNull(node);
      case "field":
        return node.path.map(flinkIdentifier).join(".");
      case "unary":
        return node.op === "NOT" ? `(NOT ${this.visit(node.operand)})` : `(${node.op}${this.visit(node.operand)})`;
      case "binary":
        if (node.op === "%") return `MOD(${this.visit(node.left)}, ${this.visit(node.right)})`;
        return `(${this.visit(node.left)} ${node.op} ${this.visit(node.right)})`;
      case "logical":
        return `(${node.operands.map((operand) => this.visit(operand)).join(` ${node.op} `)})`;
      case "is":
        return `(${this.visit(node.operand)} IS ${node.negated ? "NOT " : ""}${node.test})`;
      case "distinct":
        return `(${this.visit(node.left)} IS ${node.negated ? "NOT " : ""}DISTINCT FROM ${this.visit(node.right)})`;
      case "in":
        return `(${this.visit(node.operand)} ${node.negated ? "NOT " : ""}IN (${node.list.map((item) => this.visit(item)).join(", ")}))`;
      case "between":
        return `(${this.visit(node.operand)} ${node.negated ? "NOT " : ""}BETWEEN ${node.symmetric ? "SYMMETRIC " : ""}${this.visit(node.low)} AND ${this.visit(node.high)})`;
      case "like":
        return `(${this.visit(node.operand)} ${node.negated ? "NOT " : ""}LIKE ${this.visit(node.pattern)}${node.escape ? ` ESCAPE ${this.visit(node.escape)}` : ""})`;
      case "case": {
        const parts = ["CASE"];
        if (node.subject) parts.push(this.visit(node.subject));
        for (const branch of node.branches) parts.push(`WHEN ${this.visit(branch.when)} THEN ${this.visit(branch.then)}`);
        if (node.otherwise) parts.push(`ELSE ${this.visit(node.otherwise)}`);
        parts.push("END");
        return `(${parts.join(" ")})`;
      }
      case "cast":
        if (node.target.kind === "ANY" || node.target.kind === "NULL") throw new Unsupported(`Flink SQL has no type ${node.target.kind}`, node);
        return `${node.safe ? "TRY_CAST" : "CAST"}(${this.visit(node.operand)} AS ${this.flinkType(node.target, node)})`;
      case "call":
        return this.call(node);
      case "index":
        return `${this.visit(node.target)}[${this.visit(node.index)}]`;
      case "member":
        return `${this.visit(node.target)}.${flinkIdentifier(node.name)}`;
      case "array":
        if (node.elements.length === 0) throw new Unsupported("Flink SQL cannot construct an empty array (ARRAY[] has no element type)", node);
        return `ARRAY[${node.elements.map((element) => this.visit(element)).join(", ")}]`;
    }
  }

  private call(node: Expr & { kind: "call" }): string {
    const args = node.args.map((arg) => this.visit(arg));
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
      default:
        if (!SAME_NAME.has(node.name)) throw new Unsupported(`${node.name} has no Flink SQL equivalent`, node);
        return `${node.name}(${args.join(", ")})`;
    }
  }

  private typedNull(node: Expr): string {
    const type = this.typeOf(node);
    if (type.kind === "NULL" || type.kind === "ANY") return "NULL";
    return `CAST(NULL AS ${this.flinkType(type, node)})`;
  }

  private flinkType(type: Type, node: Expr): string {
    const text = formatType(type);
    if (text.includes("ANY") || text.includes("…")) throw new Unsupported(`Flink SQL needs a concrete type, not ${text}`, node);
    return text;
  }
}
