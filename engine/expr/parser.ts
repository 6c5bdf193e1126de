import type { CaseBranch, Expr, Span } from "./ast";
import { children } from "./ast";
import { StaticFailure } from "./errors";
import { Lexer, type Token } from "./lexer";
import { MAX_DECIMAL_PRECISION, MAX_BIGINT, T, type RowField, type Type } from "./types";

/**
 * The single binding-power table of the Pratt parser, after Calcite's (and so
 * Flink SQL's) operator precedences. `left` is the power with which an infix
 * or postfix operator binds to the expression on its left; `prefix` is the
 * power a prefix operator parses its operand with. Binary operators are left
 * associative. `NOT LIKE` / `NOT IN` / `NOT BETWEEN` bind like their positive forms.
 */
const BINDING_POWER: Readonly<Record<string, { left?: number; prefix?: number }>> = {
  OR: { left: 22 },
  AND: { left: 24 },
  NOT: { prefix: 26, left: 32 },
  IS: { left: 28 },
  "=": { left: 30 },
  "<>": { left: 30 },
  "!=": { left: 30 },
  "<": { left: 30 },
  "<=": { left: 30 },
  ">": { left: 30 },
  ">=": { left: 30 },
  LIKE: { left: 32 },
  IN: { left: 32 },
  BETWEEN: { left: 32 },
  "+": { left: 40, prefix: 80 },
  "-": { left: 40, prefix: 80 },
  "*": { left: 60 },
  "/": { left: 60 },
  "%": { left: 60 },
  "||": { left: 60 },
  "[": { left: 100 },
  ".": { left: 100 },
};

const WORD_OPERATORS = new Set(["OR", "AND", "IS", "LIKE", "IN", "BETWEEN"]);

/** Words that cannot be bare field names (quote them: `end`). Function names and type names are not reserved. */
export const RESERVED_WORDS: ReadonlySet<string> = new Set([
  "AND", "OR", "NOT", "IS", "NULL", "TRUE", "FALSE", "IN", "BETWEEN", "LIKE", "ESCAPE",
  "CASE", "WHEN", "THEN", "ELSE", "END", "CAST", "TRY_CAST", "AS", "ARRAY",
]);

/** Aggregates are not functions of one record; COUNT(*) parses so the checker can say so. */
const AGGREGATES = new Set(["COUNT", "SUM", "AVG", "MIN", "MAX", "COLLECT", "LISTAGG", "FIRST_VALUE", "LAST_VALUE"]);

export type ParseLimits = { maxDepth: number; maxNodes: number };

/**
 * Parses expression text into an {@link Expr}. Throws {@link StaticFailure}
 * (S codes, or L4002/L4003 when the nesting or size limit is hit — checked while
 * parsing, so pathological input never recurses deeply).
 */
export function parse(text: string, limits: ParseLimits): Expr {
  const parser = new Parser(new Lexer(text), limits);
  if (parser.peek().kind === "eof") throw new StaticFailure("S0203", {}, 0, text.length);
  const ast = parser.expression(0);
  parser.expectEnd();
  return ast;
}

/**
 * Parses a type as written in Flink SQL (`STRING`, `DECIMAL(10, 2)`,
 * `ARRAY<STRING>`, ``ROW<id BIGINT, `full name` STRING>``) plus `ANY` for
 * values of unknown type. Throws {@link StaticFailure}.
 */
export function parseTypeText(text: string): Type {
  const parser = new Parser(new Lexer(text), { maxDepth: 64, maxNodes: 10_000 });
  const type = parser.type(true);
  parser.expectEnd();
  return type;
}

class Parser {
  /** Tokens read ahead of the cursor (at most two). */
  private readonly lookahead: Token[] = [];
  private previous: Token | undefined;
  private nesting = 0;
  private nodes = 0;
  private readonly depths = new WeakMap<Expr, number>();

  constructor(
    private readonly lexer: Lexer,
    private readonly limits: ParseLimits,
  ) {}

  peek(offset = 0): Token {
    while (this.lookahead.length <= offset) {
      const last = this.lookahead[this.lookahead.length - 1];
      if (last?.kind === "eof") return last;
      this.lookahead.push(this.lexer.next());
    }
    return this.lookahead[offset]!;
  }

  private next(): Token {
    const token = this.peek();
    if (token.kind !== "eof") this.lookahead.shift();
    this.previous = token;
    return token;
  }

  private isWord(token: Token, ...words: string[]): boolean {
    return token.kind === "ident" && words.includes(token.upper);
  }

  private isPunct(token: Token, text: string): boolean {
    return token.kind === "punct" && token.text === text;
  }

  private fail(expected: string, token: Token = this.peek()): never {
    if (token.kind === "eof") throw new StaticFailure("S0202", { expected }, token.start, token.end);
    throw new StaticFailure("S0201", { expected, found: describe(token) }, token.start, token.end);
  }

  private expectPunct(text: string): Token {
    const token = this.peek();
    if (!this.isPunct(token, text)) this.fail(`'${text}'`);
    return this.next();
  }

  private expectWord(word: string): Token {
    const token = this.peek();
    if (!this.isWord(token, word)) this.fail(word);
    return this.next();
  }

  expectEnd(): void {
    if (this.peek().kind !== "eof") this.fail("an operator or the end of the expression");
  }

  /** Registers a finished node: counts it and checks the nesting depth of the tree below it. */
  private node<E extends Expr>(node: E): E {
    if (++this.nodes > this.limits.maxNodes) {
      throw new StaticFailure("L4003", { limit: this.limits.maxNodes }, node.start, node.end);
    }
    let depth = 1;
    for (const child of children(node)) depth = Math.max(depth, (this.depths.get(child) ?? 1) + 1);
    if (depth > this.limits.maxDepth) {
      throw new StaticFailure("L4002", { limit: this.limits.maxDepth }, node.start, node.end);
    }
    this.depths.set(node, depth);
    return node;
  }

  /** Appends an operand to an AND/OR chain in place (the chain node is not shared), keeping depth and count current. */
  private extend(chain: Expr & { kind: "logical" }, operand: Expr): Expr {
    if (++this.nodes > this.limits.maxNodes) {
      throw new StaticFailure("L4003", { limit: this.limits.maxNodes }, chain.start, operand.end);
    }
    chain.operands.push(operand);
    chain.end = operand.end;
    const depth = Math.max(this.depths.get(chain) ?? 1, (this.depths.get(operand) ?? 1) + 1);
    if (depth > this.limits.maxDepth) throw new StaticFailure("L4002", { limit: this.limits.maxDepth }, chain.start, chain.end);
    this.depths.set(chain, depth);
    return chain;
  }

  /** expression := prefix { infix-operator … }   (Pratt loop: continue while the next operator binds tighter than minPower) */
  expression(minPower: number): Expr {
    if (++this.nesting > this.limits.maxDepth) {
      const token = this.peek();
      throw new StaticFailure("L4002", { limit: this.limits.maxDepth }, token.start, token.end);
    }
    let left = this.prefix();
    for (;;) {
      const power = this.infixPower();
      if (power === undefined || power <= minPower) break;
      left = this.infix(left, power);
    }
    this.nesting--;
    return left;
  }

  /** The left binding power of the token at the cursor, if it is an infix or postfix operator. */
  private infixPower(): number | undefined {
    const token = this.peek();
    if (token.kind === "punct") return BINDING_POWER[token.text]?.left;
    if (token.kind !== "ident") return undefined;
    if (WORD_OPERATORS.has(token.upper)) return BINDING_POWER[token.upper]!.left;
    if (token.upper === "NOT" && this.isWord(this.peek(1), "LIKE", "IN", "BETWEEN")) return BINDING_POWER.NOT!.left;
    return undefined;
  }

  /** prefix := literal | field-path | function-call | '(' expression ')' | ('-'|'+'|NOT) operand | case | cast | array */
  private prefix(): Expr {
    const token = this.peek();
    switch (token.kind) {
      case "number":
        this.next();
        return this.node(numberLiteral(token));
      case "string":
        this.next();
        return this.node({ kind: "string", value: token.value, start: token.start, end: token.end });
      case "quoted":
        this.next();
        return this.node({ kind: "field", path: [token.value], start: token.start, end: token.end });
      case "punct":
        if (token.text === "(") {
          this.next();
          const inner = this.expression(0);
          this.expectPunct(")");
          return inner;
        }
        if (token.text === "-" || token.text === "+") {
          this.next();
          const operand = this.expression(BINDING_POWER[token.text]!.prefix!);
          return this.node({ kind: "unary", op: token.text, operand, start: token.start, end: operand.end });
        }
        return this.fail("an expression");
      case "ident":
        return this.word(token);
      default:
        return this.fail("an expression");
    }
  }

  /** word-prefix := TRUE | FALSE | NULL | NOT operand | CASE … | CAST(…) | TRY_CAST(…) | ARRAY[…] | name '(' args ')' | name */
  private word(token: Token & { kind: "ident" }): Expr {
    const after = this.peek(1);
    if (RESERVED_WORDS.has(token.upper) && !canStartOperand(token.upper, after)) {
      throw new StaticFailure("S0208", { word: token.text }, token.start, token.end);
    }
    switch (token.upper) {
      case "TRUE":
      case "FALSE":
        this.next();
        return this.node({ kind: "boolean", value: token.upper === "TRUE", start: token.start, end: token.end });
      case "NULL":
        this.next();
        return this.node({ kind: "null", start: token.start, end: token.end });
      case "NOT": {
        this.next();
        const operand = this.expression(BINDING_POWER.NOT!.prefix!);
        return this.node({ kind: "unary", op: "NOT", operand, start: token.start, end: operand.end });
      }
      case "CASE":
        return this.caseExpression();
      case "CAST":
      case "TRY_CAST":
        return this.cast();
      case "ARRAY":
        return this.arrayConstructor();
    }
    if (RESERVED_WORDS.has(token.upper)) return this.fail("an expression");
    this.next();
    if (this.isPunct(after, "(")) return this.call(token);
    return this.node({ kind: "field", path: [token.text], start: token.start, end: token.end });
  }

  /** infix := binary-op expression | '[' expression ']' | '.' name | IS … | [NOT] LIKE … | [NOT] IN (…) | [NOT] BETWEEN … */
  private infix(left: Expr, power: number): Expr {
    const token = this.next();
    if (token.kind === "punct") {
      switch (token.text) {
        case "[": {
          const index = this.expression(0);
          const close = this.expectPunct("]");
          return this.node({ kind: "index", target: left, index, start: left.start, end: close.end });
        }
        case ".":
          return this.member(left);
        default: {
          const right = this.expression(power);
          const op = token.text === "!=" ? "<>" : (token.text as "+");
          return this.node({ kind: "binary", op, left, right, start: left.start, end: right.end });
        }
      }
    }
    const word = (token as Token & { kind: "ident" }).upper;
    switch (word) {
      case "AND":
      case "OR": {
        const right = this.expression(power);
        if (left.kind === "logical" && left.op === word) return this.extend(left, right);
        return this.node({ kind: "logical", op: word, operands: [left, right], start: left.start, end: right.end });
      }
      case "IS":
        return this.isTest(left);
      case "NOT":
        return this.predicate(left, this.next() as Token & { kind: "ident" }, true);
      default:
        return this.predicate(left, token as Token & { kind: "ident" }, false);
    }
  }

  /** member := '.' (name | `quoted name`)   — extends a field path (in place; each segment counts as a part), or reads a field of a computed row */
  private member(left: Expr): Expr {
    const name = this.peek();
    if (name.kind !== "ident" && name.kind !== "quoted") return this.fail("a field name after '.'");
    this.next();
    const value = name.kind === "quoted" ? name.value : name.text;
    if (left.kind === "field") {
      if (++this.nodes > this.limits.maxNodes) {
        throw new StaticFailure("L4003", { limit: this.limits.maxNodes }, left.start, name.end);
      }
      left.path.push(value);
      left.end = name.end;
      return left;
    }
    return this.node({ kind: "member", target: left, name: value, start: left.start, end: name.end });
  }

  /** is-test := IS [NOT] (NULL | TRUE | FALSE | UNKNOWN | DISTINCT FROM expression) */
  private isTest(left: Expr): Expr {
    const negated = this.isWord(this.peek(), "NOT");
    if (negated) this.next();
    const token = this.peek();
    if (this.isWord(token, "NULL", "TRUE", "FALSE", "UNKNOWN")) {
      this.next();
      const test = (token as Token & { kind: "ident" }).upper as "NULL";
      return this.node({ kind: "is", operand: left, test, negated, start: left.start, end: token.end });
    }
    if (this.isWord(token, "DISTINCT")) {
      this.next();
      this.expectWord("FROM");
      const right = this.expression(BINDING_POWER["="]!.left!);
      return this.node({ kind: "distinct", left, right, negated, start: left.start, end: right.end });
    }
    return this.fail("NULL, TRUE, FALSE, UNKNOWN or DISTINCT FROM after IS");
  }

  /** predicate := LIKE expression [ESCAPE expression] | IN '(' expression {',' expression} ')' | BETWEEN [SYMMETRIC|ASYMMETRIC] expression AND expression */
  private predicate(left: Expr, operator: Token & { kind: "ident" }, negated: boolean): Expr {
    const power = BINDING_POWER[operator.upper]!.left!;
    switch (operator.upper) {
      case "LIKE": {
        const pattern = this.expression(power);
        let escape: Expr | null = null;
        if (this.isWord(this.peek(), "ESCAPE")) {
          this.next();
          escape = this.expression(power);
        }
        const end = (escape ?? pattern).end;
        return this.node({ kind: "like", operand: left, pattern, escape, negated, start: left.start, end });
      }
      case "IN": {
        this.expectPunct("(");
        const list = this.list(")");
        const close = this.expectPunct(")");
        if (list.length === 0) this.fail("at least one value in the IN list", close);
        return this.node({ kind: "in", operand: left, list, negated, start: left.start, end: close.end });
      }
      default: {
        let symmetric = false;
        if (this.isWord(this.peek(), "SYMMETRIC", "ASYMMETRIC")) {
          symmetric = (this.next() as Token & { kind: "ident" }).upper === "SYMMETRIC";
        }
        const low = this.expression(power);
        this.expectWord("AND");
        const high = this.expression(power);
        return this.node({ kind: "between", operand: left, low, high, negated, symmetric, start: left.start, end: high.end });
      }
    }
  }

  /** list := [ expression { ',' expression } ]   (stops before `close`) */
  private list(close: string): Expr[] {
    const items: Expr[] = [];
    if (this.isPunct(this.peek(), close)) return items;
    for (;;) {
      items.push(this.expression(0));
      if (!this.isPunct(this.peek(), ",")) return items;
      this.next();
    }
  }

  /** case := CASE [expression] WHEN expression THEN expression { WHEN … THEN … } [ELSE expression] END */
  private caseExpression(): Expr {
    const start = this.next();
    if (this.isWord(this.peek(), "END", "ELSE")) throw new StaticFailure("S0205", {}, start.start, this.peek().end);
    const subject = this.isWord(this.peek(), "WHEN") ? null : this.expression(0);
    const branches: CaseBranch[] = [];
    while (this.isWord(this.peek(), "WHEN")) {
      this.next();
      const when = this.expression(0);
      this.expectWord("THEN");
      branches.push({ when, then: this.expression(0) });
    }
    if (branches.length === 0) {
      const token = this.peek();
      throw new StaticFailure("S0205", {}, start.start, token.end);
    }
    let otherwise: Expr | null = null;
    if (this.isWord(this.peek(), "ELSE")) {
      this.next();
      otherwise = this.expression(0);
    }
    const end = this.expectWord("END");
    return this.node({ kind: "case", subject, branches, otherwise, start: start.start, end: end.end });
  }

  /** cast := (CAST | TRY_CAST) '(' expression AS type ')' */
  private cast(): Expr {
    const keyword = this.next() as Token & { kind: "ident" };
    this.expectPunct("(");
    const operand = this.expression(0);
    this.expectWord("AS");
    const typeStart = this.peek().start;
    const target = this.type(false);
    const targetSpan: Span = { start: typeStart, end: this.previous!.end };
    const close = this.expectPunct(")");
    return this.node({
      kind: "cast",
      operand,
      target,
      safe: keyword.upper === "TRY_CAST",
      targetSpan,
      start: keyword.start,
      end: close.end,
    });
  }

  /** array := ARRAY '[' expression { ',' expression } ']' */
  private arrayConstructor(): Expr {
    const keyword = this.next();
    this.expectPunct("[");
    const elements = this.list("]");
    const close = this.expectPunct("]");
    if (elements.length === 0) this.fail("at least one element in ARRAY[…]", close);
    return this.node({ kind: "array", elements, start: keyword.start, end: close.end });
  }

  /**
   * call := name '(' [ expression { ',' expression } ] ')'
   *       | POSITION '(' expression IN expression ')'
   *       | SUBSTRING '(' expression FROM expression [FOR expression] ')'
   *       | TRIM '(' [BOTH|LEADING|TRAILING] [expression] FROM expression ')'
   */
  private call(nameToken: Token & { kind: "ident" }): Expr {
    this.expectPunct("(");
    let name = nameToken.upper;
    let args: Expr[];
    if (name === "POSITION") {
      const needle = this.expression(BINDING_POWER.IN!.left!);
      if (this.isWord(this.peek(), "IN")) {
        this.next();
        args = [needle, this.expression(0)];
      } else {
        args = [needle, ...this.restOfList()];
      }
    } else if (name === "SUBSTRING" || name === "SUBSTR") {
      const subject = this.expression(0);
      if (this.isWord(this.peek(), "FROM")) {
        this.next();
        args = [subject, this.expression(0)];
        if (this.isWord(this.peek(), "FOR")) {
          this.next();
          args.push(this.expression(0));
        }
      } else {
        args = [subject, ...this.restOfList()];
      }
    } else if (name === "TRIM") {
      ({ name, args } = this.trimArguments());
    } else if (AGGREGATES.has(name) && this.isPunct(this.peek(), "*")) {
      this.next();
      args = [];
    } else {
      args = this.list(")");
    }
    const close = this.expectPunct(")");
    return this.node({
      kind: "call",
      name,
      args,
      nameSpan: { start: nameToken.start, end: nameToken.end },
      start: nameToken.start,
      end: close.end,
    });
  }

  /** rest-of-list := { ',' expression }   (after a first argument that was already parsed) */
  private restOfList(): Expr[] {
    const items: Expr[] = [];
    while (this.isPunct(this.peek(), ",")) {
      this.next();
      items.push(this.expression(0));
    }
    return items;
  }

  /** trim-args := [BOTH|LEADING|TRAILING] [characters] FROM subject | subject {',' expression} */
  private trimArguments(): { name: string; args: Expr[] } {
    let name = "TRIM";
    let explicit = false;
    const mode = this.peek();
    if (this.isWord(mode, "BOTH", "LEADING", "TRAILING")) {
      this.next();
      explicit = true;
      const upper = (mode as Token & { kind: "ident" }).upper;
      name = upper === "LEADING" ? "LTRIM" : upper === "TRAILING" ? "RTRIM" : "TRIM";
    }
    if (this.isWord(this.peek(), "FROM")) {
      this.next();
      return { name, args: [this.expression(0)] };
    }
    const first = this.expression(0);
    if (this.isWord(this.peek(), "FROM")) {
      this.next();
      return { name, args: [this.expression(0), first] };
    }
    if (explicit) return this.fail("FROM");
    return { name, args: [first, ...this.restOfList()] };
  }

  /**
   * type := STRING | VARCHAR | INT | INTEGER | BIGINT | DOUBLE [PRECISION] | BOOLEAN
   *       | (DECIMAL | DEC | NUMERIC) [ '(' precision [',' scale] ')' ]
   *       | ARRAY '<' type '>' | ROW '<' name type {',' name type} '>' | ANY (type text only)
   */
  type(allowAny: boolean): Type {
    const token = this.peek();
    if (token.kind !== "ident") return this.fail("a type name");
    this.next();
    switch (token.upper) {
      case "STRING":
        return T.string;
      case "VARCHAR":
        if (this.isPunct(this.peek(), "(")) {
          throw new StaticFailure("S0204", { name: `${token.text}(…)`, hint: "; lengths are not supported, use STRING" }, token.start, this.peek().end);
        }
        return T.string;
      case "INT":
      case "INTEGER":
        return T.int;
      case "BIGINT":
        return T.bigint;
      case "DOUBLE":
        if (this.isWord(this.peek(), "PRECISION")) this.next();
        return T.double;
      case "BOOLEAN":
        return T.boolean;
      case "DECIMAL":
      case "DEC":
      case "NUMERIC":
        return this.decimalType();
      case "ARRAY": {
        this.expectPunct("<");
        const element = this.type(allowAny);
        this.expectPunct(">");
        return T.array(element);
      }
      case "ROW":
        return this.rowType(allowAny);
      case "ANY":
        if (allowAny) return T.any;
        break;
    }
    const hint = ["FLOAT", "REAL", "TINYINT", "SMALLINT"].includes(token.upper)
      ? "; use DOUBLE, INT or BIGINT"
      : token.upper === "CHAR"
        ? "; use STRING"
        : "; supported types are STRING, VARCHAR, INT, INTEGER, BIGINT, DOUBLE, DECIMAL(p, s) and BOOLEAN";
    throw new StaticFailure("S0204", { name: token.text, hint }, token.start, token.end);
  }

  /** decimal := DECIMAL [ '(' precision [ ',' scale ] ')' ]   (bare DECIMAL is DECIMAL(10, 0), as in Flink) */
  private decimalType(): Type {
    if (!this.isPunct(this.peek(), "(")) return T.decimal(10, 0);
    const open = this.next();
    const precision = this.smallInteger();
    let scale = 0;
    if (this.isPunct(this.peek(), ",")) {
      this.next();
      scale = this.smallInteger();
    }
    const close = this.expectPunct(")");
    if (precision < 1 || precision > MAX_DECIMAL_PRECISION || scale > precision) {
      const detail = `precision must be 1 to ${MAX_DECIMAL_PRECISION} and scale 0 to precision, got (${precision}, ${scale})`;
      throw new StaticFailure("S0206", { detail }, open.start, close.end);
    }
    return T.decimal(precision, scale);
  }

  private smallInteger(): number {
    const token = this.peek();
    if (token.kind !== "number" || token.form !== "integer") return this.fail("an integer");
    this.next();
    return Number(token.text);
  }

  /** row := ROW '<' name type { ',' name type } '>' */
  private rowType(allowAny: boolean): Type {
    this.expectPunct("<");
    const fields: RowField[] = [];
    for (;;) {
      const name = this.peek();
      if (name.kind !== "ident" && name.kind !== "quoted") return this.fail("a field name");
      this.next();
      fields.push({ name: name.kind === "quoted" ? name.value : name.text, type: this.type(allowAny) });
      if (!this.isPunct(this.peek(), ",")) break;
      this.next();
    }
    this.expectPunct(">");
    return { kind: "ROW", fields, open: false };
  }
}

/** Whether a reserved word at the start of an operand is used as a keyword (true) or looks like a field name (false). */
function canStartOperand(word: string, after: Token): boolean {
  switch (word) {
    case "TRUE":
    case "FALSE":
    case "NULL":
      return true;
    case "CAST":
    case "TRY_CAST":
      return after.kind === "punct" && after.text === "(";
    case "ARRAY":
      return after.kind === "punct" && after.text === "[";
    default:
      // NOT, CASE and the operator words: a following infix operator, ')' ',' or the end means a field was meant.
      if (after.kind === "eof") return false;
      if (after.kind === "punct") return after.text === "(" || after.text === "-" || after.text === "+";
      return true;
  }
}

function numberLiteral(token: Token & { kind: "number" }): Expr {
  const { text, form, start, end } = token;
  const value = Number(text);
  if (form === "integer" && value > MAX_BIGINT) {
    throw new StaticFailure("S0207", { text, detail: `integers are limited to ${MAX_BIGINT}` }, start, end);
  }
  if (form === "decimal") {
    const digits = text.replace(".", "").replace(/^0+(?=\d)/, "").length;
    if (digits > MAX_DECIMAL_PRECISION) {
      throw new StaticFailure("S0207", { text, detail: `decimals have at most ${MAX_DECIMAL_PRECISION} digits` }, start, end);
    }
  }
  if (!Number.isFinite(value)) {
    throw new StaticFailure("S0207", { text, detail: "the value is not a finite double" }, start, end);
  }
  return { kind: "number", text, value, form, start, end };
}

function describe(token: Token): string {
  const text = token.text.length > 30 ? `${token.text.slice(0, 27)}…` : token.text;
  return token.kind === "punct" ? `'${text}'` : text;
}
