import type { Type } from "./types";

/**
 * The syntax tree of an expression: a discriminated union on `kind`. Every
 * node carries `start`/`end`, UTF-16 offsets into the source text (end
 * exclusive). The tree is what both back ends consume: the JavaScript
 * compiler (`compile.ts`) and the Flink SQL compiler. It is plain data (no
 * classes, no cycles) so it can be serialised.
 *
 * The parser records two normalisations, both semantics-preserving: `!=` is
 * stored as `<>`, and chains of AND / OR are flattened into one n-ary node.
 */
export type Expr =
  | NumberLiteral
  | StringLiteral
  | BooleanLiteral
  | NullLiteral
  | FieldRef
  | Unary
  | Binary
  | Logical
  | IsTest
  | DistinctFrom
  | InList
  | Between
  | Like
  | Case
  | Cast
  | Call
  | Index
  | Member
  | ArrayConstructor;

export type ExprKind = Expr["kind"];

export type Span = { start: number; end: number };

/**
 * A numeric literal. `form` follows Flink: `42` is exact integer (INT, or
 * BIGINT when large), `4.20` is exact decimal (DECIMAL(3, 2)), `4.2E0` is
 * approximate (DOUBLE). `text` is the literal as written.
 */
export type NumberLiteral = Span & {
  kind: "number";
  text: string;
  value: number;
  form: "integer" | "decimal" | "approximate";
};

export type StringLiteral = Span & { kind: "string"; value: string };
export type BooleanLiteral = Span & { kind: "boolean"; value: boolean };
export type NullLiteral = Span & { kind: "null" };

/** A reference to an input field, possibly nested: `customer.address.city` has path `["customer", "address", "city"]`. */
export type FieldRef = Span & { kind: "field"; path: string[] };

export type UnaryOp = "-" | "+" | "NOT";
export type Unary = Span & { kind: "unary"; op: UnaryOp; operand: Expr };

export type ArithmeticOp = "+" | "-" | "*" | "/" | "%";
export type ComparisonOp = "=" | "<>" | "<" | "<=" | ">" | ">=";
export type BinaryOp = ArithmeticOp | ComparisonOp | "||";
export type Binary = Span & { kind: "binary"; op: BinaryOp; left: Expr; right: Expr };

/** `a AND b AND c`: at least two operands. */
export type Logical = Span & { kind: "logical"; op: "AND" | "OR"; operands: Expr[] };

/** `x IS [NOT] NULL | TRUE | FALSE | UNKNOWN`. */
export type IsTest = Span & { kind: "is"; operand: Expr; test: "NULL" | "TRUE" | "FALSE" | "UNKNOWN"; negated: boolean };

/** `a IS [NOT] DISTINCT FROM b`: null-safe (in)equality. */
export type DistinctFrom = Span & { kind: "distinct"; left: Expr; right: Expr; negated: boolean };

export type InList = Span & { kind: "in"; operand: Expr; list: Expr[]; negated: boolean };

export type Between = Span & {
  kind: "between";
  operand: Expr;
  low: Expr;
  high: Expr;
  negated: boolean;
  /** BETWEEN SYMMETRIC: the bounds may come in either order. */
  symmetric: boolean;
};

export type Like = Span & { kind: "like"; operand: Expr; pattern: Expr; escape: Expr | null; negated: boolean };

export type CaseBranch = { when: Expr; then: Expr };

/** Searched CASE (`subject` null) or simple CASE (`CASE subject WHEN value THEN …`). */
export type Case = Span & { kind: "case"; subject: Expr | null; branches: CaseBranch[]; otherwise: Expr | null };

/** `CAST(x AS type)`, or `TRY_CAST(x AS type)` (`safe`: NULL instead of an error). */
export type Cast = Span & { kind: "cast"; operand: Expr; target: Type; safe: boolean; targetSpan: Span };

/**
 * A built-in function call; `name` is upper case. The keyword forms are
 * recorded as ordinary calls: `POSITION(a IN b)` → POSITION(a, b),
 * `SUBSTRING(s FROM i FOR n)` → SUBSTRING(s, i, n), `TRIM(LEADING c FROM s)` →
 * LTRIM(s, c), `TRIM(TRAILING c FROM s)` → RTRIM(s, c), `TRIM(BOTH c FROM s)` → TRIM(s, c).
 */
export type Call = Span & { kind: "call"; name: string; args: Expr[]; nameSpan: Span };

/** `array[i]`, 1-based. */
export type Index = Span & { kind: "index"; target: Expr; index: Expr };

/** `expr.name` where `expr` is not a plain field path (e.g. `items[1].sku`). */
export type Member = Span & { kind: "member"; target: Expr; name: string };

/** `ARRAY[a, b, …]`. */
export type ArrayConstructor = Span & { kind: "array"; elements: Expr[] };

/** The direct children of a node, in source order. */
export function children(node: Expr): Expr[] {
  switch (node.kind) {
    case "number":
    case "string":
    case "boolean":
    case "null":
    case "field":
      return [];
    case "unary":
      return [node.operand];
    case "binary":
      return [node.left, node.right];
    case "logical":
      return node.operands;
    case "is":
      return [node.operand];
    case "distinct":
      return [node.left, node.right];
    case "in":
      return [node.operand, ...node.list];
    case "between":
      return [node.operand, node.low, node.high];
    case "like":
      return node.escape ? [node.operand, node.pattern, node.escape] : [node.operand, node.pattern];
    case "case": {
      const result: Expr[] = node.subject ? [node.subject] : [];
      for (const branch of node.branches) result.push(branch.when, branch.then);
      if (node.otherwise) result.push(node.otherwise);
      return result;
    }
    case "cast":
      return [node.operand];
    case "call":
      return node.args;
    case "index":
      return [node.target, node.index];
    case "member":
      return [node.target];
    case "array":
      return node.elements;
  }
}

/**
 * The distinct input field paths an expression reads, in order of first use.
 * A path is a list of names, so a field whose name contains a dot stays one
 * element (`` `a.b` `` is `["a.b"]`, `a.b` is `["a", "b"]`).
 */
export function fieldsReferenced(ast: Expr): string[][] {
  const seen = new Set<string>();
  const result: string[][] = [];
  const stack: Expr[] = [ast];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.kind === "field") {
      const key = node.path.join("\u0000");
      if (!seen.has(key)) {
        seen.add(key);
        result.push([...node.path]);
      }
      continue;
    }
    const kids = children(node);
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]!);
  }
  return result;
}
