import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ExpressionRuntimeError,
  T,
  compileExpression,
  errorCodes,
  formatType,
  functionNames,
  parseType,
  type ExpressionLimits,
  type RecordType,
  type Type,
} from "./index";

/**
 * The language-neutral fixture corpus (engine/expr/fixtures/*.json), run
 * against the JavaScript compiler. The Flink SQL compiler runs the same files,
 * skipping cases marked `"flink": false`.
 *
 * A case is `{ expr, input?, inputTypes?, expect?, limits?, result | error, type?, flink?, note? }`:
 * - `input`: the record (default `{}`); `inputTypes`: field → type text (a closed
 *   record; without it every field is ANY); `expect`: the type the node requires.
 * - `result`: the value (NULL is null); `error`: the code, raised at compile
 *   time (the first error) or while evaluating; `type`: the inferred type.
 */
type Fixture = {
  expr: string;
  input?: unknown;
  inputTypes?: Record<string, string>;
  expect?: string;
  limits?: Partial<ExpressionLimits>;
  result?: unknown;
  error?: string;
  type?: string;
  flink?: boolean;
  note?: string;
};

const FIXTURE_DIR = join(import.meta.dirname, "fixtures");
/**
 * The bound that separates "linear and bounded" from "hangs": a backtracking
 * regex or an unbounded string takes seconds to forever on these inputs, while
 * the slowest bounded case takes under 100 ms on an idle machine. Generous, so
 * a busy 2-core CI machine does not turn it into a flaky speed test; speed
 * itself is measured in benchmarks.
 */
const TIME_BOUND_MS = 2_000;

function loadGroups(): [string, Fixture[]][] {
  return readdirSync(FIXTURE_DIR)
    .filter((file) => file.endsWith(".json"))
    .sort()
    .map((file) => [file.replace(/\.json$/, ""), JSON.parse(readFileSync(join(FIXTURE_DIR, file), "utf8")) as Fixture[]]);
}

const groups = loadGroups();
const allCases = groups.flatMap(([, cases]) => cases);

function typeFromText(text: string): Type {
  const parsed = parseType(text);
  if (!parsed.ok) throw new Error(`Bad type in fixture: ${text}: ${parsed.errors[0]!.message}`);
  return parsed.type;
}

function inputType(fields: Record<string, string>): RecordType {
  return T.row(Object.fromEntries(Object.entries(fields).map(([name, text]) => [name, typeFromText(text)])));
}

function label(fixture: Fixture): string {
  const text = fixture.expr.length > 80 ? `${fixture.expr.slice(0, 77)}…` : fixture.expr;
  const outcome = fixture.error ? `fails with ${fixture.error}` : `= ${JSON.stringify(fixture.result)?.slice(0, 40)}`;
  return `${JSON.stringify(text)} ${outcome}`;
}

/** Runs one case; returns what happened so the assertions read the same for every case. */
function run(fixture: Fixture): { code?: string; value?: unknown; type?: string } {
  const compiled = compileExpression(fixture.expr, {
    input: fixture.inputTypes ? inputType(fixture.inputTypes) : undefined,
    expect: fixture.expect ? typeFromText(fixture.expect) : undefined,
    limits: fixture.limits,
  });
  if (!compiled.ok) return { code: compiled.errors[0]!.code };
  try {
    return { value: compiled.evaluate(fixture.input ?? {}), type: formatType(compiled.type) };
  } catch (error) {
    if (error instanceof ExpressionRuntimeError) return { code: error.code, type: formatType(compiled.type) };
    throw error;
  }
}

const prototypeNames = Object.getOwnPropertyNames(Object.prototype).sort();

describe("expression fixtures", () => {
  beforeAll(() => {
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeNames);
  });

  afterAll(() => {
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeNames);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
  });

  for (const [group, cases] of groups) {
    describe(group, () => {
      it.each(cases.map((fixture) => [label(fixture), fixture] as const))("%s", (_, fixture) => {
        expect(fixture.error === undefined ? "result" in fixture : !("result" in fixture)).toBe(true);
        const started = performance.now();
        const outcome = run(fixture);
        const elapsed = performance.now() - started;
        if (fixture.error) {
          expect(outcome.code).toBe(fixture.error);
        } else {
          expect(outcome.code).toBeUndefined();
          expect(outcome.value).toEqual(fixture.result);
          if (fixture.type) expect(outcome.type).toBe(fixture.type);
        }
        expect(elapsed).toBeLessThan(TIME_BOUND_MS);
      });
    });
  }
});

describe("the fixture corpus", () => {
  it("has at least 250 cases", () => {
    expect(allCases.length).toBeGreaterThanOrEqual(250);
  });

  it("exercises every error code", () => {
    const used = new Set(allCases.map((fixture) => fixture.error).filter(Boolean));
    const missing = errorCodes.filter((code) => !used.has(code));
    expect(missing).toEqual([]);
  });

  it("uses only codes that exist", () => {
    const known = new Set<string>(errorCodes);
    const unknown = allCases.map((fixture) => fixture.error).filter((code) => code !== undefined && !known.has(code));
    expect(unknown).toEqual([]);
  });

  it("calls every built-in function", () => {
    const text = allCases.map((fixture) => fixture.expr.toUpperCase()).join("\n");
    const missing = functionNames().filter((name) => !new RegExp(`\\b${name}\\s*\\(`).test(text));
    expect(missing).toEqual([]);
  });

  it("has at least 30 escape attempts", () => {
    const escapes = groups.find(([group]) => group === "escapes")?.[1] ?? [];
    expect(escapes.length).toBeGreaterThanOrEqual(30);
  });
});
