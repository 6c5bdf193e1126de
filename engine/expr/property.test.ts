import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ExpressionRuntimeError, T, checkExpression, compileExpression, errorCodes, functionNames, type Expr } from "./index";

const knownCodes = new Set<string>(errorCodes);

/** Pieces of the language, so random texts get past the lexer and reach the parser and checker. */
const fragments = [
  "a", "b.c", "`x y`", "tags", "tags[1]", "1", "-2", "3.5", "1e3", "'s'", "''", "TRUE", "NULL", "(", ")", ",", "[", "]",
  "+", "-", "*", "/", "%", "||", "=", "<>", "<", ">=", "AND", "OR", "NOT", "IS", "NULL", "IN", "BETWEEN", "LIKE",
  "ESCAPE", "CASE", "WHEN", "THEN", "ELSE", "END", "CAST", "TRY_CAST", "AS", "INT", "STRING", "DECIMAL(5, 2)",
  "ARRAY", "LOWER", "SUBSTRING", "FROM", "FOR", "POSITION", "TRIM", "LEADING", "REGEXP_EXTRACT", "SPLIT", "COALESCE",
  "ROUND", "IF", "CONCAT", "DISTINCT", "'(a+)+$'", "'%_'", "constructor", "__proto__", ".", "--", "/*", "*/", "'",
];

const tokenSoup = fc.array(fc.constantFrom(...fragments), { maxLength: 25 }).map((parts) => parts.join(" "));

const anyText = fc.oneof(
  fc.string({ maxLength: 60 }),
  fc.string({ unit: "grapheme", maxLength: 40 }),
  fc.string({ unit: "binary", maxLength: 40 }),
  tokenSoup,
);

const record = fc.dictionary(
  fc.constantFrom("a", "b", "tags", "x y", "constructor", "__proto__"),
  fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.string({ maxLength: 8 }), fc.boolean(), fc.constant(null), fc.array(fc.string({ maxLength: 3 }), { maxLength: 3 })),
);

/** Syntactically valid expressions over every construct; types are random, so many fail the checker and the rest mostly run. */
const wellFormed: fc.Arbitrary<string> = fc.letrec<{ expr: string }>((tie) => {
  const e = tie("expr");
  const name = fc.constantFrom(...functionNames());
  return {
    expr: fc.oneof(
      { depthSize: "small" },
      fc.constantFrom("a", "b", "tags", "`x y`", "constructor", "__proto__", "a.b", "1", "-3", "0", "2.50", "1e2", "'s'", "'%a_'", "''", "TRUE", "FALSE", "NULL"),
      fc.tuple(e, fc.constantFrom("+", "-", "*", "/", "%", "||", "=", "<>", "<", "<=", ">", ">=", "AND", "OR", "LIKE", "NOT LIKE", "IS DISTINCT FROM"), e).map(([l, op, r]) => `(${l} ${op} ${r})`),
      fc.tuple(fc.constantFrom("NOT ", "-"), e).map(([op, x]) => `(${op}${x})`),
      fc.tuple(e, fc.constantFrom("NULL", "NOT NULL", "TRUE", "NOT FALSE", "UNKNOWN")).map(([x, test]) => `(${x} IS ${test})`),
      fc.tuple(e, fc.array(e, { minLength: 1, maxLength: 3 }), fc.boolean()).map(([x, list, not]) => `(${x} ${not ? "NOT " : ""}IN (${list.join(", ")}))`),
      fc.tuple(e, e, e).map(([x, low, high]) => `(${x} BETWEEN ${low} AND ${high})`),
      fc.tuple(e, e, fc.option(e)).map(([c, t, o]) => `CASE WHEN ${c} THEN ${t}${o === null ? "" : ` ELSE ${o}`} END`),
      fc.tuple(e, e, e).map(([x, w, t]) => `CASE ${x} WHEN ${w} THEN ${t} END`),
      fc.tuple(fc.constantFrom("CAST", "TRY_CAST"), e, fc.constantFrom("STRING", "INT", "BIGINT", "DOUBLE", "DECIMAL(6, 2)", "BOOLEAN")).map(([c, x, t]) => `${c}(${x} AS ${t})`),
      fc.tuple(name, fc.array(e, { maxLength: 3 })).map(([f, args]) => `${f}(${args.join(", ")})`),
      fc.tuple(e, e).map(([x, i]) => `(${x})[${i}]`),
      fc.array(e, { minLength: 1, maxLength: 3 }).map((items) => `ARRAY[${items.join(", ")}]`),
    ),
  };
}).expr;

describe("random text", () => {
  it("never makes checkExpression or compileExpression throw; errors carry known codes and valid spans", () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const checked = checkExpression(text);
        const compiled = compileExpression(text);
        expect(checked.ok).toBe(compiled.ok);
        for (const error of checked.errors) {
          expect(knownCodes.has(error.code)).toBe(true);
          expect(error.start).toBeGreaterThanOrEqual(0);
          expect(error.end).toBeGreaterThanOrEqual(error.start);
          expect(error.end).toBeLessThanOrEqual(text.length);
          expect(error.line).toBeGreaterThanOrEqual(1);
        }
      }),
      { numRuns: 3000 },
    );
  });

  it("compiles to something that returns a value or throws ExpressionRuntimeError, for any record", () => {
    let evaluated = 0;
    fc.assert(
      fc.property(fc.oneof(tokenSoup, wellFormed, wellFormed), record, (text, input) => {
        const compiled = compileExpression(text);
        if (!compiled.ok) {
          expect(knownCodes.has(compiled.errors[0]!.code)).toBe(true);
          return;
        }
        evaluated++;
        try {
          const value = compiled.evaluate(input);
          expect(value).not.toBeUndefined();
        } catch (error) {
          expect(error).toBeInstanceOf(ExpressionRuntimeError);
          expect(knownCodes.has((error as ExpressionRuntimeError).code)).toBe(true);
        }
      }),
      { numRuns: 4000 },
    );
    expect(evaluated).toBeGreaterThan(400);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

// ---------------------------------------------------------------------------
// Integer arithmetic against a BigInt reference

type Arith = { op: "lit"; value: number } | { op: "neg"; arg: Arith } | { op: "+" | "-" | "*" | "/" | "%"; left: Arith; right: Arith };

const arith: fc.Arbitrary<Arith> = fc.letrec<{ node: Arith }>((tie) => ({
  node: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    fc.integer({ min: 0, max: 100_000 }).map((value) => ({ op: "lit" as const, value })),
    tie("node").map((arg) => ({ op: "neg" as const, arg })),
    fc.record({ op: fc.constantFrom("+" as const, "-" as const, "*" as const, "/" as const, "%" as const), left: tie("node"), right: tie("node") }),
  ),
})).node;

function arithText(node: Arith): string {
  switch (node.op) {
    case "lit":
      return String(node.value);
    case "neg":
      return `(-${arithText(node.arg)})`;
    default:
      return `(${arithText(node.left)} ${node.op} ${arithText(node.right)})`;
  }
}

class Failure {
  constructor(readonly code: string) {}
}

const INT_MIN = -(2n ** 31n);
const INT_MAX = 2n ** 31n - 1n;

/** Flink INT semantics, except that overflow is an error (D3002) instead of wrapping. */
function reference(node: Arith): bigint {
  const fits = (value: bigint) => {
    if (value < INT_MIN || value > INT_MAX) throw new Failure("D3002");
    return value;
  };
  switch (node.op) {
    case "lit":
      return BigInt(node.value);
    case "neg":
      return fits(-reference(node.arg));
    default: {
      const a = reference(node.left);
      const b = reference(node.right);
      switch (node.op) {
        case "+":
          return fits(a + b);
        case "-":
          return fits(a - b);
        case "*":
          return fits(a * b);
        case "/":
          if (b === 0n) throw new Failure("D3001");
          return fits(a / b);
        case "%":
          if (b === 0n) throw new Failure("D3001");
          return a % b;
      }
    }
  }
}

function outcome(run: () => unknown): { value: unknown } | { code: string } {
  try {
    return { value: run() };
  } catch (error) {
    if (error instanceof Failure || error instanceof ExpressionRuntimeError) return { code: error.code };
    throw error;
  }
}

describe("well-formed arithmetic", () => {
  it("matches a BigInt reference for INT expressions (truncating division, sign of the dividend, errors)", () => {
    fc.assert(
      fc.property(arith, (tree) => {
        const text = arithText(tree);
        const compiled = compileExpression(text);
        if (!compiled.ok) {
          expect(compiled.errors[0]!.code).toMatch(/^L400[23]$/);
          return;
        }
        expect(compiled.type).toEqual(T.int);
        const expected = outcome(() => Number(reference(tree)));
        expect(outcome(() => compiled.evaluate({}))).toEqual(expected);
      }),
      { numRuns: 2000 },
    );
  });

  it("computes DECIMAL + - * exactly for operands of up to 6 digits", () => {
    const decimal = fc.record({ units: fc.integer({ min: -999_999, max: 999_999 }), scale: fc.integer({ min: 0, max: 2 }) });
    const show = ({ units, scale }: { units: number; scale: number }) => {
      const digits = Math.abs(units).toString().padStart(scale + 1, "0");
      const text = scale === 0 ? `${digits}.0` : `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
      return units < 0 ? `(-${text})` : text;
    };
    fc.assert(
      fc.property(decimal, decimal, fc.constantFrom("+", "-", "*"), (a, b, op) => {
        const scaleA = a.scale === 0 ? 1 : a.scale;
        const scaleB = b.scale === 0 ? 1 : b.scale;
        const x = BigInt(a.units) * 10n ** BigInt(scaleA - a.scale);
        const y = BigInt(b.units) * 10n ** BigInt(scaleB - b.scale);
        let exact: bigint;
        let scale: number;
        if (op === "*") {
          exact = x * y;
          scale = scaleA + scaleB;
        } else {
          scale = Math.max(scaleA, scaleB);
          const xs = x * 10n ** BigInt(scale - scaleA);
          const ys = y * 10n ** BigInt(scale - scaleB);
          exact = op === "+" ? xs + ys : xs - ys;
        }
        const negative = exact < 0n;
        const magnitude = (negative ? -exact : exact).toString().padStart(scale + 1, "0");
        const expected = Number(`${negative ? "-" : ""}${magnitude.slice(0, -scale)}.${magnitude.slice(-scale)}`);
        const compiled = compileExpression(`${show(a)} ${op} ${show(b)}`);
        expect(compiled.ok && compiled.evaluate({})).toBe(expected === 0 ? 0 : expected);
      }),
      { numRuns: 2000 },
    );
  });
});

// ---------------------------------------------------------------------------
// Three-valued logic against a reference

type Logic = { op: "lit"; value: boolean | null } | { op: "not"; arg: Logic } | { op: "AND" | "OR"; left: Logic; right: Logic } | { op: "is"; test: "NULL" | "TRUE" | "FALSE"; negated: boolean; arg: Logic };

const logic: fc.Arbitrary<Logic> = fc.letrec<{ node: Logic }>((tie) => ({
  node: fc.oneof(
    { depthSize: "small" },
    fc.constantFrom(true, false, null).map((value) => ({ op: "lit" as const, value })),
    tie("node").map((arg) => ({ op: "not" as const, arg })),
    fc.record({ op: fc.constantFrom("AND" as const, "OR" as const), left: tie("node"), right: tie("node") }),
    fc.record({ op: fc.constant("is" as const), test: fc.constantFrom("NULL" as const, "TRUE" as const, "FALSE" as const), negated: fc.boolean(), arg: tie("node") }),
  ),
})).node;

function logicText(node: Logic): string {
  switch (node.op) {
    case "lit":
      return node.value === null ? "NULL" : node.value ? "TRUE" : "FALSE";
    case "not":
      return `(NOT ${logicText(node.arg)})`;
    case "is":
      return `(${logicText(node.arg)} IS ${node.negated ? "NOT " : ""}${node.test})`;
    default:
      return `(${logicText(node.left)} ${node.op} ${logicText(node.right)})`;
  }
}

function logicValue(node: Logic): boolean | null {
  switch (node.op) {
    case "lit":
      return node.value;
    case "not": {
      const value = logicValue(node.arg);
      return value === null ? null : !value;
    }
    case "is": {
      const value = logicValue(node.arg);
      const result = node.test === "NULL" ? value === null : node.test === "TRUE" ? value === true : value === false;
      return node.negated ? !result : result;
    }
    case "AND": {
      const [a, b] = [logicValue(node.left), logicValue(node.right)];
      return a === false || b === false ? false : a === null || b === null ? null : true;
    }
    case "OR": {
      const [a, b] = [logicValue(node.left), logicValue(node.right)];
      return a === true || b === true ? true : a === null || b === null ? null : false;
    }
  }
}

describe("boolean expressions", () => {
  it("follow SQL three-valued logic", () => {
    fc.assert(
      fc.property(logic, (tree) => {
        const compiled = compileExpression(logicText(tree));
        if (!compiled.ok) {
          expect(compiled.errors[0]!.code).toMatch(/^L400[23]$/);
          return;
        }
        expect(compiled.evaluate({})).toBe(logicValue(tree));
      }),
      { numRuns: 2000 },
    );
  });
});

// ---------------------------------------------------------------------------
// LIKE against a naive matcher

function naiveLike(text: string, pattern: string): boolean {
  const chars = Array.from(text);
  const parts = Array.from(pattern);
  const memo = new Map<string, boolean>();
  const match = (i: number, j: number): boolean => {
    const key = `${i},${j}`;
    if (memo.has(key)) return memo.get(key)!;
    let result: boolean;
    if (j === parts.length) result = i === chars.length;
    else if (parts[j] === "%") result = match(i, j + 1) || (i < chars.length && match(i + 1, j));
    else if (i < chars.length && (parts[j] === "_" || parts[j] === chars[i])) result = match(i + 1, j + 1);
    else result = false;
    memo.set(key, result);
    return result;
  };
  return match(0, 0);
}

describe("LIKE", () => {
  it("agrees with a naive matcher, on both the plain-search and the regex paths", () => {
    const text = fc.string({ unit: fc.constantFrom("a", "b", ".", "\n", "😀"), maxLength: 10 });
    const pattern = fc.string({ unit: fc.constantFrom("a", "b", ".", "%", "_", "😀"), maxLength: 8 });
    fc.assert(
      fc.property(text, pattern, (s, p) => {
        const compiled = compileExpression("s LIKE p");
        expect(compiled.ok && compiled.evaluate({ s, p })).toBe(naiveLike(s, p));
      }),
      { numRuns: 3000 },
    );
  });
});

describe("the syntax tree", () => {
  it("gives every node a span inside the text, containing its children", () => {
    fc.assert(
      fc.property(fc.oneof(tokenSoup, wellFormed), (text) => {
        const checked = checkExpression(text);
        if (!checked.ast) return;
        const visit = (node: Expr, outer: { start: number; end: number }) => {
          expect(node.start).toBeGreaterThanOrEqual(outer.start);
          expect(node.end).toBeLessThanOrEqual(outer.end);
          expect(node.start).toBeLessThan(node.end);
          for (const value of Object.values(node)) {
            const items = Array.isArray(value) ? value : [value];
            for (const item of items) {
              if (item && typeof item === "object" && "kind" in item && "start" in item) visit(item as Expr, node);
              if (item && typeof item === "object" && "when" in item) {
                visit((item as { when: Expr }).when, node);
                visit((item as { then: Expr }).then, node);
              }
            }
          }
        };
        visit(checked.ast, { start: 0, end: text.length });
      }),
      { numRuns: 2000 },
    );
  });
});
