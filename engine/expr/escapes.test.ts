import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ExpressionRuntimeError, checkExpression, compileExpression, parseExpression } from "./index";

/**
 * Attempts to get out of the expression language, or to make it burn time or
 * memory, that do not fit in JSON fixtures (escapes.json has the others): huge
 * inputs, generated pathological texts, and a scan of the implementation
 * itself. Each must end in a value or a clean error code, fast, and leave
 * Object.prototype as it was.
 */

/**
 * The bound that separates "linear and bounded" from "hangs": a backtracking
 * regex or an unbounded string takes seconds to forever on these inputs, while
 * the slowest bounded case takes under 100 ms on an idle machine. Generous, so
 * a busy 2-core CI machine does not turn it into a flaky speed test; speed
 * itself is measured in benchmarks.
 */
const TIME_BOUND_MS = 2_000;
const TEN_MB = 10 * 1024 * 1024;
const prototypeNames = Object.getOwnPropertyNames(Object.prototype).sort();
const hugeA = "a".repeat(TEN_MB);
const hugeMixed = "Ab-1 ".repeat(TEN_MB / 5);

type Outcome = { value?: unknown; code?: string };

/** Compiles and evaluates, timing the whole; returns the value or the error code. */
function attempt(text: string, record: unknown = {}, limits?: Record<string, number>): Outcome {
  const started = performance.now();
  let outcome: Outcome;
  const compiled = compileExpression(text, { limits });
  if (!compiled.ok) {
    outcome = { code: compiled.errors[0]!.code };
  } else {
    try {
      outcome = { value: compiled.evaluate(record) };
    } catch (error) {
      if (!(error instanceof ExpressionRuntimeError)) throw error;
      outcome = { code: error.code };
    }
  }
  expect(performance.now() - started).toBeLessThan(TIME_BOUND_MS);
  return outcome;
}

afterAll(() => {
  expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeNames);
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
});

describe("a 10 MB string field", () => {
  const record = { body: hugeA, mixed: hugeMixed };

  it("passes through untouched when only read", () => {
    expect(attempt("body", record).value).toBe(hugeA);
    expect(attempt("CHAR_LENGTH(body)", record).value).toBe(TEN_MB);
    expect(attempt("body IS NOT NULL", record).value).toBe(true);
  });

  it("is refused by functions that would copy it past the string limit", () => {
    for (const text of ["LOWER(body)", "UPPER(mixed)", "REPLACE(body, 'a', 'b')", "INITCAP(mixed)", "REVERSE(body)", "body || 'x'", "CONCAT(body, body)", "LPAD(body, 20000000, 'x')", "REPEAT(body, 2)"]) {
      expect(attempt(text, record), text).toEqual({ code: "L4006" });
    }
  });

  it("is refused by regular expressions beyond the regex input limit", () => {
    for (const text of ["REGEXP_EXTRACT(body, '(a+)+$')", "REGEXP(mixed, '\\d')", "REGEXP_REPLACE(body, 'a', '')", "body LIKE '%a_a%'"]) {
      expect(attempt(text, record), text).toEqual({ code: "L4008" });
    }
  });

  it("is still searched by plain LIKE patterns and POSITION, in linear time", () => {
    expect(attempt("body LIKE 'a%a'", record).value).toBe(true);
    expect(attempt("body LIKE '%b%'", record).value).toBe(false);
    expect(attempt("POSITION('b' IN body)", record).value).toBe(0);
    expect(attempt("SUBSTRING(body, 5, 3)", record).value).toBe("aaa");
  });

  it("is split only up to the array limit", () => {
    expect(attempt("SPLIT(mixed, ' ')", record)).toEqual({ code: "L4007" });
    expect(attempt("SPLIT(body, '')", record)).toEqual({ code: "L4007" });
    expect(attempt("CARDINALITY(SPLIT(body, 'b'))", record).value).toBe(1);
  });

  it("is refused by REPLACE even when the result would be small (the work is bounded by the input)", () => {
    expect(attempt("REPLACE(body, 'a', '')", record)).toEqual({ code: "L4006" });
  });

  it("is cut by character position in linear time even with surrogate pairs", () => {
    const withEmoji = { text: `😀${hugeA}😀` };
    expect(attempt("SUBSTRING(text, 2, 3)", withEmoji).value).toBe("aaa");
    expect(attempt("CHAR_LENGTH(SUBSTRING(text, -2))", withEmoji).value).toBe(2);
    expect(attempt("POSITION('😀' IN SUBSTRING(text, 2))", withEmoji).value).toBe(TEN_MB + 1);
  });

  it("is trimmed and cut without copying", () => {
    expect(attempt("TRIM(LEADING 'a' FROM body)", record).value).toBe("");
    expect(attempt("CHAR_LENGTH(SUBSTRING(body, 2))", record).value).toBe(TEN_MB - 1);
  });
});

describe("catastrophic regular expressions", () => {
  const cases: [string, string][] = [
    ["(a+)+$", `${"a".repeat(100_000)}!`],
    ["(x+x+)+y", "x".repeat(200_000)],
    ["(a|aa)*b", "a".repeat(200_000)],
    ["(.*a){12}", "a".repeat(20_000)],
    ["^(\\w+\\s?)*$", `${"word ".repeat(40_000)}!`],
    ["(a|a?)+$", `${"a".repeat(100_000)}b`],
  ];
  for (const [pattern, text] of cases) {
    it(`matches ${pattern} against ${text.length} characters in linear time`, () => {
      const outcome = attempt("REGEXP(s, p)", { s: text, p: pattern });
      expect(typeof outcome.value === "boolean" || outcome.code === "L4005").toBe(true);
    });
  }

  it("refuses patterns whose compiled program is too large", () => {
    expect(attempt("REGEXP('a', p)", { p: "[a-z]{1000}" })).toEqual({ code: "L4005" });
    expect(attempt("REGEXP('a', p)", { p: "((a{100}){100}){100}" })).toEqual({ code: "D3006" });
    expect(attempt("REGEXP('a', p)", { p: "\\w{600}\\d{600}" })).toEqual({ code: "L4005" });
  });

  it("refuses patterns that are too long before compiling them", () => {
    expect(attempt("REGEXP('a', p)", { p: "a".repeat(100_000) })).toEqual({ code: "L4004" });
  });

  it("compiles each distinct pattern from the data once", () => {
    const { evaluate } = compileExpression("REGEXP(s, p)") as { evaluate: (record: unknown) => unknown };
    const started = performance.now();
    for (let i = 0; i < 20_000; i++) evaluate({ s: `id-${i}`, p: `id-(\\d+)-${i % 10}|id-${i % 10}` });
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});

describe("pathological expression texts", () => {
  const deep = { maxLength: 1_000_000 };
  const texts: [string, string][] = [
    ["100,000 nested parentheses", `${"(".repeat(100_000)}1${")".repeat(100_000)}`],
    ["100,000 NOTs", `${"NOT ".repeat(100_000)}TRUE`],
    ["100,000 unary minuses", `${"- ".repeat(100_000)}1`],
    ["100,000 nested calls", `${"LOWER(".repeat(100_000)}'a'${")".repeat(100_000)}`],
    ["100,000 nested CASEs", `${"CASE WHEN TRUE THEN ".repeat(100_000)}1`],
    ["100,000 nested CASTs", `${"CAST(".repeat(100_000)}1`],
    ["100,000 nested ARRAY constructors", `${"ARRAY[".repeat(100_000)}1`],
    ["100,000 chained indexes", `a${"[1]".repeat(100_000)}`],
    ["a 100,000-term sum", Array.from({ length: 100_000 }, () => "1").join(" + ")],
    ["a 100,000-term OR", Array.from({ length: 100_000 }, () => "TRUE").join(" OR ")],
    ["a 100,000-element IN list", `x IN (${Array.from({ length: 100_000 }, (_, i) => i).join(", ")})`],
    ["a 50,000-segment path", Array.from({ length: 50_000 }, () => "a").join(".")],
  ];
  for (const [name, text] of texts) {
    it(`stops ${name} with a limit error`, () => {
      const outcome = attempt(text, {}, deep);
      expect(outcome.code).toMatch(/^L400[123]$/);
      expect(attempt(text).code).toBe("L4001");
    });
  }

  it("checks pathological texts quickly for the editor, without throwing", () => {
    for (const [, text] of texts) {
      const started = performance.now();
      const result = checkExpression(text, { limits: deep });
      expect(performance.now() - started).toBeLessThan(TIME_BOUND_MS);
      expect(result.ok).toBe(false);
    }
  });

  it("keeps 4,000 characters of nesting within the default limits", () => {
    expect(parseExpression(`${"(".repeat(1999)}1${")".repeat(1999)}`)).toMatchObject({ ok: false, errors: [{ code: "L4002" }] });
  });
});

describe("user text never reaches JavaScript", () => {
  const names = [
    "constructor", "__proto__", "prototype", "toString", "valueOf", "hasOwnProperty", "isPrototypeOf",
    "propertyIsEnumerable", "toLocaleString", "__defineGetter__", "__lookupGetter__", "process", "globalThis",
    "window", "require", "module", "exports", "Function", "eval", "this", "self", "import",
  ];

  it("treats every prototype and global name as a missing field", () => {
    for (const name of names) {
      expect(attempt(`\`${name}\``).value, name).toBeNull();
      expect(attempt(`\`${name}\`.\`${name}\`.\`${name}\``).value, name).toBeNull();
      expect(attempt(`obj.\`${name}\``, { obj: {} }).value, name).toBeNull();
      expect(attempt(`CAST(\`${name}\` AS STRING)`).value, name).toBeNull();
    }
  });

  it("treats every prototype and global name as an unknown function", () => {
    for (const name of names) {
      expect(attempt(`\`${name}\`(1)`).code, name).toBe("S0201");
      expect(attempt(`${name}(1)`).code, name).toBe("T1003");
    }
  });

  it("does not pollute prototypes through JSON input with __proto__ keys", () => {
    const record = JSON.parse('{"__proto__": {"polluted": "yes"}, "a": {"__proto__": {"polluted": "yes"}}}');
    expect(attempt("`__proto__`.polluted", record).value).toBe("yes");
    expect(attempt("a.`__proto__`.polluted", record).value).toBe("yes");
    expect(attempt("ARRAY[`__proto__`][1].polluted", record).value).toBe("yes");
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("never calls functions found in the input, nor sees inherited properties", () => {
    let called = false;
    const method = () => {
      called = true;
      return "called";
    };
    const record = Object.assign(Object.create({ inherited: 1 }), { toJSON: method, f: method });
    expect(attempt("inherited", record).value).toBeNull();
    expect(attempt("toJSON", record).value).toBe(method);
    expect(attempt("LOWER(f)", record).code).toBe("D3005");
    expect(attempt("f = 'called'", record).code).toBe("D3008");
    expect(attempt("CAST(f AS STRING)", record).code).toBe("D3004");
    expect(called).toBe(false);
  });

  it("contains no dynamic code evaluation in the implementation", () => {
    const directory = import.meta.dirname;
    const sources = readdirSync(directory).filter((file) => file.endsWith(".ts") && !file.endsWith(".test.ts"));
    expect(sources.length).toBeGreaterThan(8);
    for (const file of sources) {
      const source = readFileSync(join(directory, file), "utf8");
      expect(source, file).not.toMatch(/\beval\s*\(|new\s+Function\b|\bFunction\s*\(|from\s+["']node:vm["']|from\s+["']vm["']|\brequire\s*\(/);
      expect(source, file).not.toMatch(/from\s+["'](next|react|@prisma|prisma)[/"']/);
    }
  });
});

describe("the escape list", () => {
  type Payload = { category: string; expr: string; input?: unknown; result?: unknown; error?: string; limits?: Record<string, number> };
  type Fixture = { expr: string; input?: unknown; result?: unknown; error?: string };

  const fixtures = (JSON.parse(readFileSync(join(import.meta.dirname, "fixtures", "escapes.json"), "utf8")) as Fixture[]).map((fixture): Payload => ({
    category: /REGEXP|LIKE/.test(fixture.expr) ? "catastrophic regex" : fixture.expr.length > 500 ? "deep nesting" : /\$\{|`/.test(fixture.expr) ? "template trick" : /proto|constructor|prototype|toString|valueOf|hasOwnProperty|defineGetter/i.test(fixture.expr) ? "prototype and constructor" : "code injection",
    ...fixture,
  }));
  const tenMb = { big: "a".repeat(TEN_MB), spaced: "a ".repeat(TEN_MB / 2) };
  const extra: Payload[] = [
    { category: "huge input", expr: "UPPER(big)", input: tenMb, error: "L4006" },
    { category: "huge input", expr: "big || big", input: tenMb, error: "L4006" },
    { category: "huge input", expr: "SPLIT(spaced, ' ')", input: tenMb, error: "L4007" },
    { category: "huge input", expr: "REGEXP(big, '(a+)+$')", input: tenMb, error: "L4008" },
    { category: "huge input", expr: "REPEAT('ab', 100000000)", error: "L4006" },
    { category: "huge input", expr: "LPAD('x', 2000000000, 'y')", error: "L4006" },
    { category: "huge input", expr: "CHAR_LENGTH(big)", input: tenMb, result: TEN_MB },
    { category: "catastrophic regex", expr: "REGEXP(s, '(a|a?)+$')", input: { s: `${"a".repeat(100_000)}b` }, result: true },
    { category: "catastrophic regex", expr: "REGEXP(s, '^(\\w+\\s?)*$')", input: { s: `${"word ".repeat(40_000)}!` }, result: false },
    { category: "catastrophic regex", expr: "REGEXP('a', p)", input: { p: "((a{100}){100}){100}" }, error: "D3006" },
    { category: "catastrophic regex", expr: "REGEXP('a', p)", input: { p: "(?=a)a" }, error: "D3006" },
    { category: "catastrophic regex", expr: "REGEXP('aa', p)", input: { p: "(a)\\1" }, error: "D3006" },
    { category: "deep nesting", expr: `${"(".repeat(100_000)}1${")".repeat(100_000)}`, error: "L4001" },
    { category: "deep nesting", expr: `${"(".repeat(100_000)}1${")".repeat(100_000)}`, error: "L4002", limits: { maxLength: 1_000_000 } },
    { category: "deep nesting", expr: `${"CASE WHEN TRUE THEN ".repeat(50_000)}1`, error: "L4002", limits: { maxLength: 2_000_000 } },
    { category: "deep nesting", expr: "j.a.b.c", input: nestedObject(100_000), result: null },
    { category: "template trick", expr: "'{{constructor.constructor(\"return process\")()}}'", result: '{{constructor.constructor("return process")()}}' },
    { category: "template trick", expr: "'#{7*7}' || '<%= 7*7 %>'", result: "#{7*7}<%= 7*7 %>" },
    { category: "prototype and constructor", expr: "`constructor`.`constructor`(`return process`)", error: "S0201" },
    { category: "prototype and constructor", expr: "obj.`__proto__`.`__proto__`", input: { obj: {} }, result: null },
    { category: "code injection", expr: "1; DROP TABLE pipelines", error: "S0103" },
    { category: "code injection", expr: "'a' -- ' || process.exit()", result: "a" },
  ];
  const payloads = [...fixtures, ...extra];

  it("has at least 30 payloads across the categories, and none escapes or runs past its time bound", () => {
    const categories = new Map<string, number>();
    const escapes: string[] = [];
    let slowest = 0;
    const globalsBefore = Object.getOwnPropertyNames(globalThis).sort().join();
    for (const payload of payloads) {
      categories.set(payload.category, (categories.get(payload.category) ?? 0) + 1);
      const started = performance.now();
      let outcome: Outcome;
      try {
        const compiled = compileExpression(payload.expr, { limits: payload.limits });
        if (!compiled.ok) outcome = { code: compiled.errors[0]!.code };
        else {
          try {
            outcome = { value: compiled.evaluate(payload.input ?? {}) };
          } catch (error) {
            if (!(error instanceof ExpressionRuntimeError)) throw error;
            outcome = { code: error.code };
          }
        }
      } catch (error) {
        // Anything but the language's own errors got out of the language.
        escapes.push(`${payload.expr.slice(0, 80)}: threw ${error instanceof Error ? error.name : typeof error}`);
        continue;
      }
      const elapsed = performance.now() - started;
      slowest = Math.max(slowest, elapsed);
      const label = `${payload.category}: ${payload.expr.slice(0, 80)}`;
      if (elapsed > TIME_BOUND_MS) escapes.push(`${label}: took ${elapsed.toFixed(0)} ms`);
      if (typeof outcome.value === "function" && !Object.values((payload.input ?? {}) as object).includes(outcome.value)) escapes.push(`${label}: returned a function`);
      if (payload.error !== undefined && outcome.code !== payload.error) escapes.push(`${label}: expected ${payload.error}, got ${JSON.stringify(outcome).slice(0, 80)}`);
      if (payload.error === undefined && "result" in payload && JSON.stringify(outcome.value) !== JSON.stringify(payload.result)) escapes.push(`${label}: expected ${JSON.stringify(payload.result)?.slice(0, 40)}, got ${JSON.stringify(outcome).slice(0, 80)}`);
    }
    if (Object.getOwnPropertyNames(Object.prototype).sort().join() !== prototypeNames.join()) escapes.push("Object.prototype changed");
    if (Object.getOwnPropertyNames(globalThis).sort().join() !== globalsBefore) escapes.push("globalThis changed");
    const summary = [...categories].map(([category, count]) => `${category} ${count}`).join(", ");
    console.log(`expression escapes: ${escapes.length} escapes of ${payloads.length} payloads (${summary}); slowest ${slowest.toFixed(0)} ms, bound ${TIME_BOUND_MS} ms each`);
    expect(payloads.length).toBeGreaterThanOrEqual(30);
    for (const category of ["prototype and constructor", "template trick", "huge input", "catastrophic regex", "deep nesting"]) expect(categories.get(category) ?? 0, category).toBeGreaterThanOrEqual(3);
    expect(escapes).toEqual([]);
  });
});

/** `{ j: { a: { a: … } } }` nested `depth` levels, built without recursion. */
function nestedObject(depth: number): Record<string, unknown> {
  let inner: Record<string, unknown> = {};
  for (let i = 0; i < depth; i++) inner = { a: inner };
  return { j: inner };
}
