import { describe, expect, it } from "vitest";
import { TestDriver } from "../../runners/test-driver";
import { linearPipeline } from "../../runners/test-pipelines";

describe("filter", () => {
  it("keeps records whose condition is TRUE and drops FALSE and NULL", () => {
    const driver = new TestDriver(linearPipeline([{ type: "filter", data: { condition: "amount > 100 AND country = 'US'" } }]));
    driver.pipe("in", [{ amount: 150, country: "US" }, { amount: 50, country: "US" }, { amount: 500, country: "DE" }, { country: "US" }, { amount: 101, country: "US" }]);
    expect(driver.values("out")).toEqual([{ amount: 150, country: "US" }, { amount: 101, country: "US" }]);
    expect(driver.deadLetters).toEqual([]);
  });

  it("sends a record whose condition fails at run time to the dead letters and goes on", () => {
    const driver = new TestDriver(linearPipeline([{ type: "filter", data: { condition: "CAST(amount AS INT) > 1" } }]));
    driver.pipe("in", [{ amount: "7" }, { amount: "seven" }, { amount: "9" }]);
    expect(driver.values("out")).toEqual([{ amount: "7" }, { amount: "9" }]);
    expect(driver.deadLetters).toHaveLength(1);
    expect(driver.deadLetters[0]).toMatchObject({ code: "expression-error", nodeId: "step1", origin: { topic: "in", partition: 0, offset: "1" } });
    expect(driver.deadLetters[0]!.detail).toMatch(/^D/);
  });
});

describe("map", () => {
  it("outputs exactly the configured fields", () => {
    const driver = new TestDriver(linearPipeline([{ type: "map", data: { fields: [{ name: "total", expression: "price * quantity" }, { name: "who", expression: "UPPER(customer.name)" }] } }]));
    driver.pipe("in", [{ price: 2.5, quantity: 4, customer: { name: "ada" }, secret: "x" }]);
    expect(driver.values("out")).toEqual([{ total: 10, who: "ADA" }]);
  });

  it("keeps an output field named like an Object member a plain field", () => {
    const driver = new TestDriver(linearPipeline([{ type: "map", data: { fields: [{ name: "__proto__", expression: "'polluted'" }, { name: "constructor", expression: "1" }] } }]));
    driver.pipe("in", [{ a: 1 }]);
    expect(driver.output[0]!.value).toBe('{"__proto__":"polluted","constructor":1}');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe("flat-map", () => {
  it("emits one record per element with the input fields", () => {
    const driver = new TestDriver(linearPipeline([{ type: "flat-map", data: { expression: "SPLIT(LOWER(text), ' ')", as: "word" } }], { format: "text" }));
    driver.pipe("in", ["Hello World"]);
    expect(driver.values("out")).toEqual([{ text: "Hello World", word: "hello" }, { text: "Hello World", word: "world" }]);
  });

  it("emits nothing for NULL and dead-letters a value that is not an array", () => {
    const driver = new TestDriver(linearPipeline([{ type: "flat-map", data: { expression: "tags", as: "tag" } }]));
    driver.pipe("in", [{ tags: null }, { tags: "not-an-array" }, { tags: ["a"] }]);
    expect(driver.values("out")).toEqual([{ tags: ["a"], tag: "a" }]);
    expect(driver.deadLetters.map((d) => [d.code, d.detail])).toEqual([["expression-error", "D3005"]]);
  });
});

describe("stateless chains", () => {
  it("runs a filter, a map and a flat-map fused in one pass, in order", () => {
    const driver = new TestDriver(
      linearPipeline([
        { type: "filter", data: { condition: "CHAR_LENGTH(text) > 0" } },
        { type: "flat-map", data: { expression: "SPLIT(text, ',')", as: "part" } },
        { type: "map", data: { fields: [{ name: "part", expression: "TRIM(part)" }] } },
        { type: "filter", data: { condition: "part <> 'skip'" } },
      ], { format: "text" }),
    );
    driver.pipe("in", ["a, b,skip", "", "c"]);
    expect(driver.values("out").map((v) => v.part)).toEqual(["a", "b", "c"]);
  });
});

describe("kafka source", () => {
  it("dead-letters values that are not JSON objects, with the original bytes", () => {
    const driver = new TestDriver(linearPipeline([]));
    driver.pipe("in", [{ value: "{not json" }, { value: "[1,2]" }, { value: null }, { value: { ok: true } }]);
    expect(driver.values("out")).toEqual([{ ok: true }]);
    expect(driver.deadLetters.map((d) => [d.code, d.origin.offset])).toEqual([["decode-error", "0"], ["decode-error", "1"], ["decode-error", "2"]]);
    expect(String(driver.deadLetters[0]!.payload)).toBe("{not json");
  });

  it("reads text values as one field named text", () => {
    const driver = new TestDriver(linearPipeline([], { format: "text" }));
    driver.pipe("in", ["plain line"]);
    expect(driver.values("out")).toEqual([{ text: "plain line" }]);
  });
});

describe("kafka sink", () => {
  it("keys messages by the configured field and keeps the record timestamp", () => {
    const driver = new TestDriver(linearPipeline([], { sinkKey: "user.id" }));
    driver.pipe("in", [{ value: { user: { id: 42 } }, timestamp: 1234 }, { value: { user: { id: "u7" } }, timestamp: 1235 }, { value: { other: 1 }, timestamp: 1236 }]);
    expect(driver.output.map((m) => [m.key, m.timestamp])).toEqual([["42", 1234], ["u7", 1235], [null, 1236]]);
  });
});
