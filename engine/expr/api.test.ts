import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  ExpressionRuntimeError,
  T,
  checkExpression,
  compileExpression,
  defaultLimits,
  errorCatalog,
  errorCodes,
  fieldsReferenced,
  formatType,
  functionDefinitions,
  functionNames,
  parseExpression,
  parseType,
  typeOfValue,
} from "./index";

function compiled(text: string, options: Parameters<typeof compileExpression>[1] = {}) {
  const result = compileExpression(text, options);
  if (!result.ok) throw new Error(`${text}: ${result.errors.map((error) => `${error.code} ${error.message}`).join("; ")}`);
  return result;
}

function runtimeError(run: () => unknown): ExpressionRuntimeError {
  try {
    run();
  } catch (error) {
    if (error instanceof ExpressionRuntimeError) return error;
    throw error;
  }
  throw new Error("expected an ExpressionRuntimeError");
}

describe("parseExpression", () => {
  it("returns a source-positioned syntax tree", () => {
    const result = parseExpression("amount > 100 AND country = 'US'");
    expect(result).toMatchObject({
      ok: true,
      ast: {
        kind: "logical",
        op: "AND",
        start: 0,
        end: 31,
        operands: [
          { kind: "binary", op: ">", start: 0, end: 12, left: { kind: "field", path: ["amount"], start: 0, end: 6 } },
          { kind: "binary", op: "=", start: 17, end: 31, right: { kind: "string", value: "US", start: 27, end: 31 } },
        ],
      },
    });
  });

  it("records != as <> and keeps the literal text of numbers", () => {
    const result = parseExpression("x != 1.50");
    expect(result).toMatchObject({ ok: true, ast: { op: "<>", right: { kind: "number", text: "1.50", form: "decimal", value: 1.5 } } });
  });

  it("records the keyword forms of SUBSTRING, POSITION and TRIM as calls", () => {
    const forms: [string, string, number][] = [
      ["SUBSTRING(s FROM 1 FOR 2)", "SUBSTRING", 3],
      ["POSITION('a' IN s)", "POSITION", 2],
      ["TRIM(LEADING 'x' FROM s)", "LTRIM", 2],
      ["TRIM(TRAILING FROM s)", "RTRIM", 1],
    ];
    for (const [text, name, count] of forms) {
      const result = parseExpression(text);
      expect(result.ok && result.ast.kind === "call" && [result.ast.name, result.ast.args.length]).toEqual([name, count]);
    }
  });

  it("produces a serialisable tree", () => {
    const result = parseExpression("CASE WHEN a IN (1, 2) THEN CAST(b AS DECIMAL(5, 2)) END");
    expect(result.ok).toBe(true);
    if (result.ok) expect(JSON.parse(JSON.stringify(result.ast))).toEqual(result.ast);
  });

  it("reports a syntax error with its position, line and column", () => {
    const result = parseExpression("a = 1 AND\n  b = )");
    expect(result).toEqual({
      ok: false,
      errors: [{ code: "S0201", message: "Expected an expression but found ')'", start: 16, end: 17, line: 2, column: 7 }],
    });
  });

  it("points an unterminated string at its opening quote", () => {
    const result = parseExpression("name = 'abc");
    expect(result.ok === false && result.errors[0]).toMatchObject({ code: "S0101", start: 7, end: 11 });
  });
});

describe("checkExpression", () => {
  const input = T.row({ amount: T.int, country: T.string, tags: T.array(T.string), customer: T.row({ id: T.bigint }) });

  it("infers the result type", () => {
    expect(checkExpression("amount * 2", { input })).toMatchObject({ ok: true, type: T.int });
    expect(checkExpression("SPLIT(country, ',')", { input })).toMatchObject({ ok: true, type: T.array(T.string) });
    expect(checkExpression("customer.id", { input })).toMatchObject({ ok: true, type: T.bigint });
  });

  it("reports every problem, each at its own span", () => {
    const result = checkExpression("amout > 1 AND LOWER(amount) = 'x' AND nope(1)", { input });
    expect(result.ok).toBe(false);
    expect(result.errors.map((error) => [error.code, error.start, error.end])).toEqual([
      ["T1001", 0, 5],
      ["T1005", 20, 26],
      ["T1003", 38, 42],
    ]);
    expect(result.errors[0]!.message).toBe("Unknown field 'amout'; did you mean 'amount'?");
  });

  it("exposes the type of every node for compilers", () => {
    const result = checkExpression("CASE WHEN a THEN NULL ELSE amount END", { input: T.row({ a: T.boolean, amount: T.int }) });
    if (!result.ok || result.ast.kind !== "case") throw new Error("expected a CASE");
    expect(result.typeOf(result.ast)).toEqual(T.int);
    expect(result.typeOf(result.ast.branches[0]!.then)).toEqual(T.null);
  });

  it("treats unknown fields of an open record as ANY", () => {
    const open = T.row({ amount: T.int }, { open: true });
    expect(checkExpression("anything", { input: open })).toMatchObject({ ok: true, type: T.any });
    expect(checkExpression("anything", { input })).toMatchObject({ ok: false });
  });

  it("checks the expected type of the node", () => {
    expect(checkExpression("amount > 1", { input, expect: T.boolean }).ok).toBe(true);
    expect(checkExpression("amount", { input, expect: T.boolean }).errors[0]).toMatchObject({
      code: "T1012",
      message: "The expression must produce BOOLEAN but produces INT",
    });
    expect(checkExpression("tags", { input, expect: T.array(T.any) }).ok).toBe(true);
  });

  it("never throws, whatever the input", () => {
    for (const text of ["", ")", "'", "`", "CAST(", "CASE", "a.", "1e999", "\u0000", "\uD800", "x".repeat(5000), "((((", "NOT"]) {
      expect(() => checkExpression(text)).not.toThrow();
      expect(checkExpression(text).ok).toBe(false);
    }
  });

  it("has a message template for every code", () => {
    for (const template of Object.values(errorCatalog)) expect(template.length).toBeGreaterThan(5);
  });
});

describe("compileExpression", () => {
  it("evaluates a record", () => {
    const { evaluate, type } = compiled("amount > 100 AND country = 'US'");
    expect(type).toEqual(T.boolean);
    expect(evaluate({ amount: 150, country: "US" })).toBe(true);
    expect(evaluate({ amount: 50, country: "US" })).toBe(false);
    expect(evaluate({ country: "US" })).toBe(null);
  });

  it("treats a non-object record as having no fields", () => {
    const { evaluate } = compiled("a IS NULL");
    for (const record of [null, undefined, 42, "text", [1, 2]]) expect(evaluate(record)).toBe(true);
  });

  it("throws ExpressionRuntimeError with a stable code and the failing span", () => {
    const { evaluate } = compiled("1 + amount / qty");
    const error = runtimeError(() => evaluate({ amount: 1, qty: 0 }));
    expect(error).toMatchObject({ code: "D3001", message: "Division by zero", start: 4, end: 16, name: "ExpressionRuntimeError" });
    expect(error).toBeInstanceOf(Error);
  });

  it("describes run-time type mismatches with the offending value", () => {
    const error = runtimeError(() => compiled("LOWER(name)").evaluate({ name: 42 }));
    expect(error.message).toBe("Argument 1 of LOWER must be STRING, but the value is 42");
  });

  it("returns the compile errors instead of an evaluator", () => {
    expect(compileExpression("1 +")).toMatchObject({ ok: false, errors: [{ code: "S0202" }] });
  });

  it("can be evaluated 100,000 times cheaply", () => {
    const { evaluate } = compiled("amount > 100 AND country = 'US'");
    const records = Array.from({ length: 1000 }, (_, i) => ({ amount: i, country: i % 2 ? "US" : "NL" }));
    let matches = 0;
    for (let i = 0; i < 100_000; i++) if (evaluate(records[i % 1000]) === true) matches++;
    expect(matches).toBe(45_000);
  });

  it("applies caller limits", () => {
    expect(compileExpression("'a' || 'b'", { limits: { maxLength: 2 } })).toMatchObject({ ok: false, errors: [{ code: "L4001" }] });
    expect(defaultLimits.maxLength).toBe(4000);
  });
});

describe("fieldsReferenced", () => {
  it("lists each distinct field path in order of first use", () => {
    const result = parseExpression("a + b.c * a - `x.y` + LOWER(b.c) + items[1].sku");
    expect(result.ok && fieldsReferenced(result.ast)).toEqual([["a"], ["b", "c"], ["x.y"], ["items"]]);
  });

  it("lists nothing for a constant", () => {
    const result = parseExpression("1 + 2");
    expect(result.ok && fieldsReferenced(result.ast)).toEqual([]);
  });
});

describe("types", () => {
  it("parse and print in Flink syntax", () => {
    for (const text of ["STRING", "INT", "BIGINT", "DOUBLE", "BOOLEAN", "DECIMAL(10, 2)", "ARRAY<STRING>", "ROW<id BIGINT, `full name` STRING>", "ANY"]) {
      const parsed = parseType(text);
      expect(parsed.ok && formatType(parsed.type)).toBe(text);
    }
    expect(parseType("DECIMAL")).toEqual({ ok: true, type: T.decimal(10, 0) });
    expect(parseType("FLOAT")).toMatchObject({ ok: false, errors: [{ code: "S0204" }] });
  });

  it("are inferred from a sample record", () => {
    expect(formatType(typeOfValue({ id: 1, price: 2.5, name: "x", tags: ["a"], ok: true }))).toBe(
      "ROW<id BIGINT, price DOUBLE, name STRING, tags ARRAY<STRING>, ok BOOLEAN>",
    );
  });
});

describe("the function registry", () => {
  it("documents every function with a signature and an example", () => {
    for (const def of functionDefinitions()) {
      expect(def.doc.signature).toMatch(/→/);
      expect(def.doc.example.length).toBeGreaterThan(3);
      expect(def.build ?? def.buildLazy).toBeDefined();
    }
  });
});

describe("docs/expressions.md", () => {
  const docs = readFileSync(join(import.meta.dirname, "../../docs/expressions.md"), "utf8");

  it("explains every error code", () => {
    expect(errorCodes.filter((code) => !new RegExp(`^\\| ${code} \\|`, "m").test(docs))).toEqual([]);
  });

  it("documents every function", () => {
    expect(functionNames().filter((name) => !docs.includes(`${name}(`) && !docs.includes(`\`${name}\``))).toEqual([]);
  });

  it("states the default limits", () => {
    for (const value of [defaultLimits.maxLength, defaultLimits.maxNodes, defaultLimits.maxArrayLength]) {
      expect(docs).toContain(value.toLocaleString("en-US"));
    }
  });
});
