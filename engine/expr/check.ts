import type { Expr, Span } from "./ast";
import { castAllowed } from "./cast";
import { comparable } from "./compare";
import type { ErrorArgs, ErrorCode } from "./errors";
import { aggregateFunctionNames, functionNames, lookupFunction, type CallSite, type ParamKind } from "./functions";
import type { ExpressionLimits } from "./limits";
import { compileLike, isPatternFailure } from "./regex";
import {
  MAX_INT,
  T,
  boundedDecimal,
  commonType,
  formatType,
  isAssignable,
  isInteger,
  isLenient,
  isNumeric,
  asDecimal,
  rowField,
  type RowType,
  type Type,
} from "./types";

/**
 * The type checker: infers the type of every node against the input record
 * type and reports what cannot work. It never stops at the first problem
 * (up to {@link MAX_PROBLEMS}); a node with a problem is typed ANY so one
 * mistake is reported once. ANY (unknown) is accepted wherever a specific
 * type is needed: the compiled code checks such values at run time.
 */

export type Problem = { code: ErrorCode; args: ErrorArgs; start: number; end: number };

export type Checked = {
  /** The type of the whole expression. */
  type: Type;
  /** The type of every node, for the compilers. */
  types: Map<Expr, Type>;
  problems: Problem[];
};

export type CheckOptions = { input: RowType; expect?: Type; limits: ExpressionLimits };

const MAX_PROBLEMS = 50;

/** Type-checks a parsed expression. */
export function check(ast: Expr, options: CheckOptions): Checked {
  const checker = new Checker(options);
  const type = checker.visit(ast);
  if (options.expect && !isAssignable(type, options.expect)) {
    checker.report("T1012", { expected: formatType(options.expect), actual: formatType(type) }, ast);
  }
  return { type, types: checker.types, problems: checker.problems };
}

/** The value of a literal argument (null for NULL; a negated number literal too), or undefined. */
export function constantValue(node: Expr): unknown {
  switch (node.kind) {
    case "number":
    case "string":
    case "boolean":
      return node.value;
    case "null":
      return null;
    case "unary":
      return node.op === "-" && node.operand.kind === "number" ? -node.operand.value : undefined;
    default:
      return undefined;
  }
}

/** The static type of a number literal, as Flink types it. */
export function numberLiteralType(node: Expr & { kind: "number" }): Type {
  if (node.form === "approximate") return T.double;
  if (node.form === "integer") return node.value <= MAX_INT ? T.int : T.bigint;
  const [whole = "", fraction = ""] = node.text.split(".");
  const integerDigits = whole.replace(/^0+/, "").length;
  return T.decimal(Math.max(integerDigits + fraction.length, 1), fraction.length);
}

class Checker {
  readonly types = new Map<Expr, Type>();
  readonly problems: Problem[] = [];

  constructor(private readonly options: CheckOptions) {}

  report(code: ErrorCode, args: ErrorArgs, span: Span): Type {
    if (this.problems.length < MAX_PROBLEMS) this.problems.push({ code, args, start: span.start, end: span.end });
    return T.any;
  }

  visit(node: Expr): Type {
    const type = this.infer(node);
    this.types.set(node, type);
    return type;
  }

  private infer(node: Expr): Type {
    switch (node.kind) {
      case "number":
        return numberLiteralType(node);
      case "string":
        return T.string;
      case "boolean":
        return T.boolean;
      case "null":
        return T.null;
      case "field":
        return this.field(node);
      case "member":
        return this.member(node);
      case "unary":
        return this.unary(node);
      case "binary":
        return this.binary(node);
      case "logical":
        for (const operand of node.operands) this.condition(operand, `Each operand of ${node.op}`);
        return T.boolean;
      case "is": {
        const type = this.visit(node.operand);
        if (node.test !== "NULL") this.requireBoolean(type, node.operand, `The operand of IS ${node.test}`);
        return T.boolean;
      }
      case "distinct":
        this.comparison(this.visit(node.left), this.visit(node.right), node);
        return T.boolean;
      case "in": {
        const operand = this.visit(node.operand);
        for (const item of node.list) this.comparison(operand, this.visit(item), item);
        return T.boolean;
      }
      case "between": {
        const operand = this.visit(node.operand);
        this.comparison(operand, this.visit(node.low), node.low);
        this.comparison(operand, this.visit(node.high), node.high);
        return T.boolean;
      }
      case "like":
        return this.like(node);
      case "case":
        return this.caseExpression(node);
      case "cast": {
        const from = this.visit(node.operand);
        if (!castAllowed(from, node.target)) {
          return this.report("T1010", { from: formatType(from), to: formatType(node.target) }, node);
        }
        return node.target;
      }
      case "call":
        return this.call(node);
      case "index":
        return this.index(node);
      case "array": {
        let element: Type = T.null;
        for (const item of node.elements) {
          const type = this.visit(item);
          const next = commonType(element, type);
          if (!next) {
            this.report("T1008", { what: "elements of ARRAY[…]", left: formatType(element), right: formatType(type) }, item);
          } else {
            element = next;
          }
        }
        return T.array(element);
      }
    }
  }

  private field(node: Expr & { kind: "field" }): Type {
    let type: Type = this.options.input;
    for (let i = 0; i < node.path.length; i++) {
      const name = node.path[i]!;
      if (type.kind === "ANY" || type.kind === "NULL") return T.any;
      if (type.kind !== "ROW") {
        return this.report("T1002", { name: formatPath(node.path.slice(0, i)), type: formatType(type), field: name }, node);
      }
      const found = rowField(type, name);
      if (!found) {
        if (type.open) return T.any;
        const hint = suggest(name, type.fields.map((field) => field.name));
        return this.report("T1001", { name: formatPath(node.path.slice(0, i + 1)), hint: hint ? `; did you mean '${hint}'?` : "" }, node);
      }
      type = found.type;
    }
    return type;
  }

  private member(node: Expr & { kind: "member" }): Type {
    const target = this.visit(node.target);
    if (target.kind === "ANY" || target.kind === "NULL") return T.any;
    if (target.kind !== "ROW") {
      return this.report("T1002", { name: "The value", type: formatType(target), field: node.name }, node);
    }
    const found = rowField(target, node.name);
    if (found) return found.type;
    if (target.open) return T.any;
    return this.report("T1001", { name: node.name, hint: "" }, node);
  }

  private unary(node: Expr & { kind: "unary" }): Type {
    const type = this.visit(node.operand);
    if (node.op === "NOT") {
      this.requireBoolean(type, node.operand, "The operand of NOT");
      return T.boolean;
    }
    if (!isNumeric(type) && !isLenient(type)) {
      return this.report("T1006", { op: `unary ${node.op}`, operands: formatType(type) }, node);
    }
    return type.kind === "ANY" ? T.double : type.kind === "NULL" ? T.int : type;
  }

  private binary(node: Expr & { kind: "binary" }): Type {
    const left = this.visit(node.left);
    const right = this.visit(node.right);
    switch (node.op) {
      case "||":
        if (!stringLike(left) || !stringLike(right)) {
          return this.report("T1006", { op: "||", operands: `${formatType(left)} and ${formatType(right)}` }, node);
        }
        return T.string;
      case "=":
      case "<>":
      case "<":
      case "<=":
      case ">":
      case ">=":
        this.comparison(left, right, node);
        return T.boolean;
      default: {
        if ((!isNumeric(left) && !isLenient(left)) || (!isNumeric(right) && !isLenient(right))) {
          const hint = node.op === "+" && (left.kind === "STRING" || right.kind === "STRING") ? " (use || to concatenate strings)" : "";
          return this.report("T1006", { op: node.op, operands: `${formatType(left)} and ${formatType(right)}${hint}` }, node);
        }
        return arithmeticType(node.op, left, right);
      }
    }
  }

  private like(node: Expr & { kind: "like" }): Type {
    const operand = this.visit(node.operand);
    const pattern = this.visit(node.pattern);
    const escape = node.escape ? this.visit(node.escape) : T.null;
    if (!stringLike(operand) || !stringLike(pattern) || !stringLike(escape)) {
      const types = [operand, pattern, ...(node.escape ? [escape] : [])].map(formatType).join(", ");
      return this.report("T1006", { op: "LIKE", operands: types }, node);
    }
    const patternValue = constantValue(node.pattern);
    const escapeValue = node.escape ? constantValue(node.escape) : null;
    if (typeof patternValue === "string" && (escapeValue === null || typeof escapeValue === "string")) {
      const compiled = compileLike(patternValue, escapeValue, this.options.limits);
      if (isPatternFailure(compiled)) this.report(compiled.code, compiled.args, node.pattern);
    } else if (typeof escapeValue === "string" && escapeValue.length > 1) {
      this.report("T1014", { detail: `the escape must be a single character, not '${escapeValue.slice(0, 20)}'` }, node.escape!);
    }
    return T.boolean;
  }

  private caseExpression(node: Expr & { kind: "case" }): Type {
    const subject = node.subject ? this.visit(node.subject) : null;
    let result: Type = T.null;
    const results: [Type, Expr][] = [];
    for (const branch of node.branches) {
      if (subject) this.comparison(subject, this.visit(branch.when), branch.when);
      else this.condition(branch.when, "A WHEN condition");
      results.push([this.visit(branch.then), branch.then]);
    }
    if (node.otherwise) results.push([this.visit(node.otherwise), node.otherwise]);
    for (const [type, expr] of results) {
      const next = commonType(result, type);
      if (!next) {
        this.report("T1008", { what: "results of CASE", left: formatType(result), right: formatType(type) }, expr);
        return T.any;
      }
      result = next;
    }
    return result;
  }

  private call(node: Expr & { kind: "call" }): Type {
    if (aggregateFunctionNames.has(node.name)) {
      for (const arg of node.args) this.visit(arg);
      return this.report("T1015", { name: node.name }, node.nameSpan);
    }
    const def = lookupFunction(node.name);
    const argTypes = node.args.map((arg) => this.visit(arg));
    if (!def) {
      const hint = suggest(node.name, functionNames());
      return this.report("T1003", { name: node.name, hint: hint ? `; did you mean ${hint}?` : "" }, node.nameSpan);
    }
    const { params, optional = 0, variadic } = def.signature;
    const min = params.length - optional;
    const max = variadic ? Number.POSITIVE_INFINITY : params.length;
    if (argTypes.length < min || argTypes.length > max) {
      const expected =
        max === Number.POSITIVE_INFINITY
          ? `at least ${plural(min, "argument")}`
          : min === max
            ? plural(min, "argument")
            : `${min} to ${max} arguments`;
      return this.report("T1004", { name: node.name, expected, count: argTypes.length }, node);
    }
    let ok = true;
    argTypes.forEach((type, i) => {
      const kind = i < params.length ? params[i]! : variadic!;
      if (!fits(type, kind)) {
        ok = false;
        this.report("T1005", { index: i + 1, name: node.name, expected: kindName(kind), actual: formatType(type) }, node.args[i]!);
      }
    });
    if (!ok) return T.any;
    const constants = node.args.map(constantValue);
    const returned = def.returns(argTypes, { constants });
    if ("problem" in returned) {
      const { code, args, argIndex } = returned.problem;
      return this.report(code, args, argIndex !== undefined ? node.args[argIndex]! : node);
    }
    const site: CallSite = { name: node.name, argTypes, resultType: returned, constants, limits: this.options.limits, site: node };
    const invalid = def.validate?.(site);
    if (invalid) return this.report(invalid.code, invalid.args, node.args[invalid.argIndex]!);
    return returned;
  }

  private index(node: Expr & { kind: "index" }): Type {
    const target = this.visit(node.target);
    const index = this.visit(node.index);
    if (!isInteger(index) && !isLenient(index)) {
      this.report("T1013", { detail: `An array index must be an integer, not ${formatType(index)}` }, node.index);
    }
    if (target.kind === "ARRAY") return target.element;
    if (isLenient(target)) return T.any;
    return this.report("T1013", { detail: `Only an ARRAY can be indexed with [ ], not ${formatType(target)}` }, node.target);
  }

  private condition(node: Expr, what: string): void {
    this.requireBoolean(this.visit(node), node, what);
  }

  private requireBoolean(type: Type, node: Expr, what: string): void {
    if (type.kind !== "BOOLEAN" && !isLenient(type)) this.report("T1009", { what, type: formatType(type) }, node);
  }

  private comparison(left: Type, right: Type, span: Span): void {
    if (!comparable(left, right)) this.report("T1007", { left: formatType(left), right: formatType(right) }, span);
  }
}

function stringLike(type: Type): boolean {
  return type.kind === "STRING" || isLenient(type);
}

function fits(type: Type, kind: ParamKind): boolean {
  if (kind === "ANY" || isLenient(type)) return true;
  switch (kind) {
    case "STRING":
      return type.kind === "STRING";
    case "NUMERIC":
      return isNumeric(type);
    case "INTEGER":
      return isInteger(type);
    case "BOOLEAN":
      return type.kind === "BOOLEAN";
    case "ARRAY":
      return type.kind === "ARRAY";
  }
}

function kindName(kind: ParamKind): string {
  return kind === "NUMERIC" ? "a number" : kind === "INTEGER" ? "an integer (INT or BIGINT)" : kind;
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? "" : "s"}`;
}

/**
 * The result type of an arithmetic operator, following Flink: INT op INT is
 * INT, with a BIGINT it is BIGINT, with a DECIMAL it is a DECIMAL of derived
 * precision and scale, with a DOUBLE it is DOUBLE. ANY counts as DOUBLE (an
 * untyped JSON number); NULL takes the other side's type.
 */
export function arithmeticType(op: string, leftType: Type, rightType: Type): Type {
  if (leftType.kind === "NULL" && rightType.kind === "NULL") return T.null;
  const left = leftType.kind === "NULL" ? rightType : leftType;
  const right = rightType.kind === "NULL" ? leftType : rightType;
  if (left.kind === "ANY" || right.kind === "ANY" || left.kind === "DOUBLE" || right.kind === "DOUBLE") return T.double;
  if (left.kind === "DECIMAL" || right.kind === "DECIMAL") {
    const a = asDecimal(left);
    const b = asDecimal(right);
    switch (op) {
      case "+":
      case "-": {
        const scale = Math.max(a.scale, b.scale);
        return boundedDecimal(Math.max(a.precision - a.scale, b.precision - b.scale) + scale + 1, scale);
      }
      case "*":
        return boundedDecimal(a.precision + b.precision, a.scale + b.scale);
      case "/": {
        const scale = Math.max(6, a.scale + b.precision + 1);
        return boundedDecimal(a.precision - a.scale + b.scale + scale, scale, 6);
      }
      default: {
        const scale = Math.max(a.scale, b.scale);
        return boundedDecimal(Math.min(a.precision - a.scale, b.precision - b.scale) + scale, scale);
      }
    }
  }
  return left.kind === "BIGINT" || right.kind === "BIGINT" ? T.bigint : T.int;
}

function formatPath(path: readonly string[]): string {
  return path.map((name) => (/^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? name : `\`${name}\``)).join(".");
}

/** The candidate closest to `name` (case-insensitive edit distance ≤ 2, ≤ 1 for short names), if any. */
function suggest(name: string, candidates: readonly string[]): string | undefined {
  const target = name.toLowerCase();
  if (target.length > 64) return undefined;
  let best: string | undefined;
  let bestDistance = target.length <= 4 ? 2 : 3;
  for (const candidate of candidates) {
    if (candidate.length > 64 || Math.abs(candidate.length - target.length) >= bestDistance) continue;
    const distance = editDistance(target, candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}
