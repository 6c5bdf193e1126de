import type { Expr, Span } from "./ast";
import { buildCast } from "./cast";
import { constantValue } from "./check";
import { buildCompare, type Compare } from "./compare";
import { lookupFunction, type CallSite, type ParamKind } from "./functions";
import type { ExpressionLimits } from "./limits";
import { compileLike, isPatternFailure, type LikeMatcher } from "./regex";
import {
  checkInteger,
  checkStringLength,
  describeValue,
  fail,
  numericResult,
  readField,
  requireKind,
  roundHalfUp,
  type Evaluator,
} from "./runtime";
import { T, formatType, isInteger, isNumeric, type Type } from "./types";

/**
 * Compiles a checked syntax tree into a tree of plain JavaScript closures.
 * No text is ever turned into code: each node becomes a closure chosen and
 * specialised at compile time from the node's static types (integer versus
 * decimal arithmetic, literal regexes precompiled, constant IN lists as Sets),
 * so evaluating a record allocates nothing but the values it produces.
 *
 * NULL is `null`. Operators evaluate all their operands (so an error in any of
 * them is raised) except AND, OR, CASE, COALESCE, IFNULL and IF, which stop
 * as soon as the result is known, left to right.
 */
export function compileTree(ast: Expr, types: ReadonlyMap<Expr, Type>, limits: ExpressionLimits): Evaluator {
  return new Compiler(types, limits).compile(ast);
}

type Tri = boolean | null;

const and3 = (a: Tri, b: Tri): Tri => (a === false || b === false ? false : a === null || b === null ? null : true);
const or3 = (a: Tri, b: Tri): Tri => (a === true || b === true ? true : a === null || b === null ? null : false);
const not3 = (a: Tri): Tri => (a === null ? null : !a);

class Compiler {
  constructor(
    private readonly types: ReadonlyMap<Expr, Type>,
    private readonly limits: ExpressionLimits,
  ) {}

  private typeOf(node: Expr): Type {
    return this.types.get(node) ?? T.any;
  }

  compile(node: Expr): Evaluator {
    switch (node.kind) {
      case "number":
      case "string":
      case "boolean": {
        const value = node.value;
        return () => value;
      }
      case "null":
        return () => null;
      case "field":
        return conforming(fieldReader(node.path), this.typeOf(node), `Field ${formatPath(node.path)}`, node);
      case "member": {
        const target = this.compile(node.target);
        const name = node.name;
        return conforming((record) => readField(target(record), name), this.typeOf(node), `Field ${name}`, node);
      }
      case "unary":
        return this.unary(node);
      case "binary":
        return node.op === "||" ? this.concat(node) : isComparison(node.op) ? this.comparison(node) : this.arithmetic(node);
      case "logical":
        return this.logical(node);
      case "is":
        return this.isTest(node);
      case "distinct":
        return this.distinct(node);
      case "in":
        return this.inList(node);
      case "between":
        return this.between(node);
      case "like":
        return this.like(node);
      case "case":
        return this.caseExpression(node);
      case "cast": {
        const operand = this.compile(node.operand);
        const convert = buildCast(this.typeOf(node.operand), node.target, node.safe, node);
        return (record) => {
          const value = operand(record);
          return value === null ? null : convert(value);
        };
      }
      case "call":
        return this.call(node);
      case "index":
        return conforming(this.index(node), this.typeOf(node), "The array element", node);
      case "array": {
        const elements = node.elements.map((element) => this.compile(element));
        const count = elements.length;
        return (record) => {
          const result = new Array<unknown>(count);
          for (let i = 0; i < count; i++) result[i] = elements[i]!(record);
          return result;
        };
      }
    }
  }

  /** The operand's evaluator, with a run-time kind check when its static type is ANY. */
  private checked(node: Expr, kind: ParamKind | "NUMBER", what: string): Evaluator {
    const evaluator = this.compile(node);
    if (this.typeOf(node).kind !== "ANY" || kind === "ANY") return evaluator;
    const runtimeKind = kind === "NUMERIC" ? "NUMBER" : kind;
    return (record) => {
      const value = evaluator(record);
      if (value !== null) requireKind(value, runtimeKind, what, node);
      return value;
    };
  }

  private unary(node: Expr & { kind: "unary" }): Evaluator {
    if (node.op === "NOT") {
      const operand = this.checked(node.operand, "BOOLEAN", "The operand of NOT");
      return (record) => {
        const value = operand(record);
        return value === null ? null : !value;
      };
    }
    const operand = this.checked(node.operand, "NUMBER", `The operand of unary ${node.op}`);
    if (node.op === "+") return operand;
    const type = this.typeOf(node);
    return (record) => {
      const value = operand(record) as number | null;
      if (value === null) return null;
      return isInteger(type) ? checkInteger(-value, type, "unary -", node) : value === 0 ? 0 : -value;
    };
  }

  private arithmetic(node: Expr & { kind: "binary" }): Evaluator {
    const left = this.checked(node.left, "NUMBER", `The left operand of ${node.op}`);
    const right = this.checked(node.right, "NUMBER", `The right operand of ${node.op}`);
    const type = this.typeOf(node);
    const op = node.op;
    const integer = isInteger(type);
    const calculate = arithmeticOperation(op, integer, node);
    let finish: (value: number) => number;
    if (integer) finish = (value) => checkInteger(value, type, op, node);
    else if (type.kind === "DECIMAL") {
      const scale = type.scale;
      finish = (value) => numericResult(roundHalfUp(value, scale), type, op, node);
    } else finish = (value) => numericResult(value, T.double, op, node);
    return (record) => {
      const a = left(record);
      const b = right(record);
      if (a === null || b === null) return null;
      return finish(calculate(a as number, b as number));
    };
  }

  private concat(node: Expr & { kind: "binary" }): Evaluator {
    const left = this.checked(node.left, "STRING", "The left operand of ||");
    const right = this.checked(node.right, "STRING", "The right operand of ||");
    const limit = this.limits.maxStringLength;
    return (record) => {
      const a = left(record) as string | null;
      const b = right(record) as string | null;
      if (a === null || b === null) return null;
      checkStringLength(a.length + b.length, limit, "||", node);
      return a + b;
    };
  }

  private comparison(node: Expr & { kind: "binary" }): Evaluator {
    const left = this.compile(node.left);
    const right = this.compile(node.right);
    const compare = buildCompare(this.typeOf(node.left), this.typeOf(node.right), node);
    const test = comparisonTest(node.op);
    return (record) => {
      const a = left(record);
      const b = right(record);
      if (a === null || b === null) return null;
      return test(compare(a, b));
    };
  }

  private logical(node: Expr & { kind: "logical" }): Evaluator {
    const operands = node.operands.map((operand) => this.checked(operand, "BOOLEAN", `Each operand of ${node.op}`));
    const count = operands.length;
    const decisive = node.op === "OR";
    return (record) => {
      let unknown = false;
      for (let i = 0; i < count; i++) {
        const value = operands[i]!(record);
        if (value === decisive) return decisive;
        if (value === null) unknown = true;
      }
      return unknown ? null : !decisive;
    };
  }

  private isTest(node: Expr & { kind: "is" }): Evaluator {
    const test = node.test;
    const operand =
      test === "NULL" ? this.compile(node.operand) : this.checked(node.operand, "BOOLEAN", `The operand of IS ${test}`);
    const negated = node.negated;
    const expected = test === "TRUE" ? true : test === "FALSE" ? false : null;
    return (record) => (operand(record) === expected) !== negated;
  }

  private distinct(node: Expr & { kind: "distinct" }): Evaluator {
    const left = this.compile(node.left);
    const right = this.compile(node.right);
    const compare = buildCompare(this.typeOf(node.left), this.typeOf(node.right), node);
    const negated = node.negated;
    return (record) => {
      const a = left(record);
      const b = right(record);
      const distinct = a === null || b === null ? a !== b : compare(a, b) !== 0;
      return distinct !== negated;
    };
  }

  private inList(node: Expr & { kind: "in" }): Evaluator {
    const operand = this.compile(node.operand);
    const operandType = this.typeOf(node.operand);
    const negated = node.negated;
    const constants = node.list.map(constantValue);
    const setKind = operandType.kind === "STRING" ? "string" : isNumeric(operandType) ? "number" : null;
    if (setKind && constants.every((value) => value === null || typeof value === setKind)) {
      const hasNull = constants.includes(null);
      const set = new Set(constants.filter((value) => value !== null));
      return (record) => {
        const value = operand(record);
        if (value === null) return null;
        if (set.has(value)) return !negated;
        return hasNull ? null : negated;
      };
    }
    const items = node.list.map((item) => this.compile(item));
    const compares = node.list.map((item) => buildCompare(operandType, this.typeOf(item), item));
    const count = items.length;
    return (record) => {
      const value = operand(record);
      let sawNull = value === null;
      for (let i = 0; i < count; i++) {
        const item = items[i]!(record);
        if (item === null) sawNull = true;
        else if (value !== null && compares[i]!(value, item) === 0) return !negated;
      }
      return sawNull ? null : negated;
    };
  }

  private between(node: Expr & { kind: "between" }): Evaluator {
    const operand = this.compile(node.operand);
    const low = this.compile(node.low);
    const high = this.compile(node.high);
    const type = this.typeOf(node.operand);
    const compareLow = buildCompare(type, this.typeOf(node.low), node.low);
    const compareHigh = buildCompare(type, this.typeOf(node.high), node.high);
    const { negated, symmetric } = node;
    return (record) => {
      const value = operand(record);
      const a = low(record);
      const b = high(record);
      if (value === null) return null;
      const aboveLow: Tri = a === null ? null : compareLow(value, a) >= 0;
      const belowHigh: Tri = b === null ? null : compareHigh(value, b) <= 0;
      let result = and3(aboveLow, belowHigh);
      if (symmetric) {
        const aboveHigh: Tri = b === null ? null : compareHigh(value, b) >= 0;
        const belowLow: Tri = a === null ? null : compareLow(value, a) <= 0;
        result = or3(result, and3(aboveHigh, belowLow));
      }
      return negated ? not3(result) : result;
    };
  }

  private like(node: Expr & { kind: "like" }): Evaluator {
    const operand = this.checked(node.operand, "STRING", "The operand of LIKE");
    const pattern = this.checked(node.pattern, "STRING", "The LIKE pattern");
    const escape = node.escape ? this.checked(node.escape, "STRING", "The LIKE escape") : () => null;
    const limits = this.limits;
    const negated = node.negated;
    const resolve = (patternText: string, escapeText: string | null): LikeMatcher => {
      const compiled = compileLike(patternText, escapeText, limits);
      if (!isPatternFailure(compiled)) return compiled;
      return fail(compiled.code === "T1014" ? "D3007" : compiled.code, compiled.args, node);
    };
    const constantPattern = constantValue(node.pattern);
    const constantEscape = node.escape ? constantValue(node.escape) : null;
    let fixed: LikeMatcher | undefined;
    if (typeof constantPattern === "string" && (constantEscape === null || typeof constantEscape === "string")) {
      const compiled = compileLike(constantPattern, constantEscape, limits);
      if (!isPatternFailure(compiled)) fixed = compiled;
    }
    return (record) => {
      const text = operand(record) as string | null;
      const patternText = pattern(record) as string | null;
      const escapeText = escape(record) as string | null;
      if (text === null || patternText === null || (node.escape && escapeText === null)) return null;
      const matcher = fixed ?? resolve(patternText, escapeText);
      if (matcher.usesRegex && text.length > limits.maxRegexInput) {
        fail("L4008", { what: "LIKE", length: text.length, limit: limits.maxRegexInput }, node);
      }
      return matcher.test(text) !== negated;
    };
  }

  private caseExpression(node: Expr & { kind: "case" }): Evaluator {
    const whens = node.branches.map((branch) =>
      node.subject ? this.compile(branch.when) : this.checked(branch.when, "BOOLEAN", "A WHEN condition"),
    );
    const thens = node.branches.map((branch) => this.compile(branch.then));
    const otherwise = node.otherwise ? this.compile(node.otherwise) : () => null;
    const count = whens.length;
    if (!node.subject) {
      return (record) => {
        for (let i = 0; i < count; i++) if (whens[i]!(record) === true) return thens[i]!(record);
        return otherwise(record);
      };
    }
    const subject = this.compile(node.subject);
    const subjectType = this.typeOf(node.subject);
    const compares: Compare[] = node.branches.map((branch) => buildCompare(subjectType, this.typeOf(branch.when), branch.when));
    return (record) => {
      const value = subject(record);
      if (value !== null) {
        for (let i = 0; i < count; i++) {
          const candidate = whens[i]!(record);
          if (candidate !== null && compares[i]!(value, candidate) === 0) return thens[i]!(record);
        }
      }
      return otherwise(record);
    };
  }

  private call(node: Expr & { kind: "call" }): Evaluator {
    const def = lookupFunction(node.name)!;
    const { params, variadic } = def.signature;
    const args = node.args.map((arg, i) =>
      this.checked(arg, i < params.length ? params[i]! : variadic!, `Argument ${i + 1} of ${node.name}`),
    );
    const site: CallSite = {
      name: node.name,
      argTypes: node.args.map((arg) => this.typeOf(arg)),
      resultType: this.typeOf(node),
      constants: node.args.map(constantValue),
      limits: this.limits,
      site: node,
    };
    if (def.buildLazy) return def.buildLazy(site, args);
    const implementation = def.build!(site);
    const count = args.length;
    const buffer = new Array<unknown>(count);
    const propagate = def.nulls === "propagate";
    return (record) => {
      let sawNull = false;
      for (let i = 0; i < count; i++) {
        const value = args[i]!(record);
        if (value === null) sawNull = true;
        buffer[i] = value;
      }
      return sawNull && propagate ? null : implementation(buffer);
    };
  }

  private index(node: Expr & { kind: "index" }): Evaluator {
    const target = this.compile(node.target);
    const index = this.compile(node.index);
    const targetSpan: Span = node.target;
    return (record) => {
      const array = target(record);
      const position = index(record);
      if (array === null || position === null) return null;
      if (!Array.isArray(array)) fail("D3005", { what: "The indexed value", expected: "ARRAY", actual: describeValue(array) }, targetSpan);
      if (!Number.isInteger(position)) {
        fail("D3005", { what: "An array index", expected: "INTEGER", actual: describeValue(position) }, node.index);
      }
      const i = position as number;
      if (i < 1 || i > array.length) return null;
      const value: unknown = array[i - 1];
      return value === undefined ? null : value;
    };
  }
}

/**
 * Declared input types are checked where values enter the expression (field
 * reads and array elements): a value of the wrong kind is D3005, so a
 * mistyped record goes to the dead-letter topic instead of misbehaving.
 */
function conforming(read: Evaluator, type: Type, what: string, site: Span): Evaluator {
  const ok = conformance(type);
  if (!ok) return read;
  const expected = formatType(type);
  return (record) => {
    const value = read(record);
    if (value !== null && !ok(value)) fail("D3005", { what, expected, actual: describeValue(value) }, site);
    return value;
  };
}

function conformance(type: Type): ((value: unknown) => boolean) | null {
  switch (type.kind) {
    case "STRING":
      return (value) => typeof value === "string";
    case "BOOLEAN":
      return (value) => typeof value === "boolean";
    case "INT":
    case "BIGINT":
      return (value) => Number.isInteger(value);
    case "DECIMAL":
    case "DOUBLE":
      return (value) => typeof value === "number" && Number.isFinite(value);
    case "ARRAY":
      return (value) => Array.isArray(value);
    case "ROW":
      return (value) => typeof value === "object" && !Array.isArray(value);
    default:
      return null;
  }
}

function formatPath(path: readonly string[]): string {
  return `'${path.map((name) => (/^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? name : `\`${name}\``)).join(".")}'`;
}

/** Reads a (nested) field path from the record through own properties only; a missing step is NULL. */
function fieldReader(path: readonly string[]): Evaluator {
  if (path.length === 1) {
    const name = path[0]!;
    return (record) => readField(record, name);
  }
  if (path.length === 2) {
    const [first, second] = path as [string, string];
    return (record) => readField(readField(record, first), second);
  }
  const names = [...path];
  const count = names.length;
  return (record) => {
    let value: unknown = record;
    for (let i = 0; i < count && value !== null; i++) value = readField(value, names[i]!);
    return value;
  };
}

function isComparison(op: string): boolean {
  return op === "=" || op === "<>" || op === "<" || op === "<=" || op === ">" || op === ">=";
}

function comparisonTest(op: string): (order: number) => boolean {
  switch (op) {
    case "=":
      return (order) => order === 0;
    case "<>":
      return (order) => order !== 0;
    case "<":
      return (order) => order < 0;
    case "<=":
      return (order) => order <= 0;
    case ">":
      return (order) => order > 0;
    default:
      return (order) => order >= 0;
  }
}

/**
 * The raw operation. Division and remainder by zero are D3001 for every
 * numeric type (Flink raises for integers and yields Infinity/NaN for DOUBLE;
 * we raise for all: those values cannot be written as JSON). Integer division
 * truncates toward zero; `%` takes the sign of the dividend (Java semantics).
 */
function arithmeticOperation(op: string, integer: boolean, site: Span): (a: number, b: number) => number {
  switch (op) {
    case "+":
      return (a, b) => a + b;
    case "-":
      return (a, b) => a - b;
    case "*":
      return (a, b) => a * b;
    case "/":
      return integer
        ? (a, b) => {
            if (b === 0) fail("D3001", {}, site);
            return (a - (a % b)) / b;
          }
        : (a, b) => {
            if (b === 0) fail("D3001", {}, site);
            return a / b;
          };
    default:
      return (a, b) => {
        if (b === 0) fail("D3001", {}, site);
        return a % b;
      };
  }
}

