import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { compileFlinkSql, flinkString } from "./compile-flink-sql";
import { T, parseType, typeOfValue, type RecordType, type Type } from "./index";

/**
 * The expression fixture corpus (the same files the JavaScript compiler runs)
 * through the Flink SQL compiler. Every case either compiles to Flink SQL or
 * is rejected with a reason; a case the JavaScript compiler rejects at compile
 * time is rejected here too. What each case compiles to is kept in
 * compile-flink-sql.golden.json (next to this file, outside the corpus folder), so a change in the generated SQL shows up in
 * review (regenerate with UPDATE_FLINK_GOLDENS=1). A sample is evaluated on a
 * real cluster by engine/runners/flink/flink-differential.test.ts.
 */

type Fixture = { expr: string; input?: unknown; inputTypes?: Record<string, string>; expect?: string; result?: unknown; error?: string; flink?: boolean };

const DIR = join(import.meta.dirname, "fixtures");
const GOLDEN = join(import.meta.dirname, "compile-flink-sql.golden.json");
const update = process.env.UPDATE_FLINK_GOLDENS === "1";

function typeFromText(text: string): Type {
  const parsed = parseType(text);
  if (!parsed.ok) throw new Error(`Bad type in fixture: ${text}`);
  return parsed.type;
}

/** Flink needs every field typed: declared types when the case has them, else the types of its input values. */
export function fixtureInputType(fixture: Fixture): RecordType {
  if (fixture.inputTypes) return T.row(Object.fromEntries(Object.entries(fixture.inputTypes).map(([name, text]) => [name, typeFromText(text)])));
  const input = (fixture.input ?? {}) as Record<string, unknown>;
  if (typeof input !== "object" || input === null || Array.isArray(input)) return T.row({});
  const type = typeOfValue(input);
  return type.kind === "ROW" ? type : T.row({});
}

export function loadFixtures(): { group: string; fixture: Fixture }[] {
  return readdirSync(DIR)
    .filter((file) => file.endsWith(".json"))
    .sort()
    .flatMap((file) => (JSON.parse(readFileSync(join(DIR, file), "utf8")) as Fixture[]).map((fixture) => ({ group: file.replace(/\.json$/, ""), fixture })));
}

/** Compile-time error codes: syntax (S), type (T) and static limit (L4001–L4005) problems. */
const staticCode = (code: string | undefined) => code !== undefined && /^(S|T|L400[1-5])/.test(code);

describe("the expression corpus on the Flink SQL compiler", () => {
  const cases = loadFixtures();
  const outcomes: Record<string, string> = {};

  it.each(cases.map(({ group, fixture }, i) => [`${group} #${i}: ${fixture.expr.slice(0, 60)}`, fixture] as const))("%s", (_, fixture) => {
    const result = compileFlinkSql(fixture.expr, { input: fixtureInputType(fixture), expect: fixture.expect ? typeFromText(fixture.expect) : undefined });
    const key = `${fixture.expr}${fixture.inputTypes ? ` :: ${JSON.stringify(fixture.inputTypes)}` : fixture.input ? ` :: ${JSON.stringify(fixture.input)}` : ""}`;
    if (result.ok) {
      expect(result.sql.length).toBeGreaterThan(0);
      outcomes[key] = result.sql;
    } else {
      expect(result.reason.length, "a rejection says why").toBeGreaterThan(5);
      outcomes[key] = `REJECTED: ${result.reason}`;
    }
    if (staticCode(fixture.error) && !fixture.inputTypes && fixture.error?.startsWith("S")) expect(result.ok).toBe(false);
  });

  it("matches the committed golden of every case's SQL", () => {
    expect(Object.keys(outcomes).length).toBeGreaterThanOrEqual(250);
    if (update || !existsSync(GOLDEN)) {
      if (!update) throw new Error("No flink-sql.golden.json; run with UPDATE_FLINK_GOLDENS=1 and review it");
      writeFileSync(GOLDEN, `${JSON.stringify(outcomes, null, 1)}\n`);
    }
    expect(outcomes).toEqual(JSON.parse(readFileSync(GOLDEN, "utf8")));
  });

  it("compiles most of the corpus that Flink shares", () => {
    const shared = cases.filter(({ fixture }) => fixture.flink !== false && fixture.error === undefined);
    const compiled = shared.filter(({ fixture }) => compileFlinkSql(fixture.expr, { input: fixtureInputType(fixture) }).ok);
    expect(compiled.length / shared.length).toBeGreaterThan(0.9);
  });
});

describe("Flink SQL spelling", () => {
  it("quotes strings and escapes control characters", () => {
    expect(flinkString("it's")).toBe("'it''s'");
    expect(flinkString("a\nb")).toBe("U&'a\\000Ab'");
    expect(flinkString("a😀\n")).toBe("U&'a😀\\000A'");
  });

  it("types a NULL from its context", () => {
    const input = T.row({ n: T.int });
    expect(compileFlinkSql("NULL + n", { input })).toMatchObject({ ok: true, sql: "(CAST(NULL AS INT) + `n`)" });
    expect(compileFlinkSql("CAST(NULL AS BIGINT)", { input })).toMatchObject({ ok: true, sql: "CAST(NULL AS BIGINT)" });
  });

  it("spells keyword forms and quotes reserved field names", () => {
    const input = T.row({ count: T.bigint, s: T.string });
    // String literal arguments are widened from Flink's CHAR(n) to STRING.
    expect(compileFlinkSql("POSITION('b' IN s)", { input })).toMatchObject({ ok: true, sql: "POSITION(CAST('b' AS STRING) IN `s`)" });
    expect(compileFlinkSql("TRIM(LEADING 'x' FROM s)", { input })).toMatchObject({ ok: true, sql: "TRIM(LEADING CAST('x' AS STRING) FROM `s`)" });
    expect(compileFlinkSql("count % 2 = 0", { input })).toMatchObject({ ok: true, sql: "(MOD(`count`, 2) = 0)" });
  });
});
