import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { AccumulatorTable, streamTimeKey } from "./accumulator-table";
import { accumulate, createAggregators, type Accumulator } from "./aggregates";

const aggregations = [
  { fn: "count" as const, as: "n" },
  { fn: "sum" as const, field: "v", as: "total" },
  { fn: "avg" as const, field: "v", as: "mean" },
  { fn: "min" as const, field: "m", as: "low" },
  { fn: "max" as const, field: "m", as: "high" },
];

describe("AccumulatorTable", () => {
  it("keeps the same accumulators as arrays in a Map would, for any keys and inputs", () => {
    const aggregators = createAggregators(aggregations);
    const input = fc.array(
      fc.record({
        key: fc.oneof(fc.constantFrom('["a"]', '["b"]', '["ü"]', '[null]'), fc.string({ unit: "grapheme", maxLength: 12 }).map((s) => JSON.stringify([s]))),
        v: fc.option(fc.integer({ min: -1000, max: 1000 }), { nil: undefined }),
        m: fc.option(fc.oneof(fc.integer({ min: -50, max: 50 }), fc.string({ maxLength: 4 })), { nil: undefined }),
      }),
      { maxLength: 400 },
    );
    fc.assert(
      fc.property(input, (records) => {
        const table = new AccumulatorTable(aggregators);
        const reference = new Map<string, Accumulator[]>();
        for (const { key, v, m } of records) {
          const values = [1, v, v, m, m];
          table.accumulate(table.entry(key), values);
          const current = reference.get(key) ?? aggregators.map((a) => a.initial());
          reference.set(key, accumulate(aggregators, current, values));
          const entry = table.entry(key);
          expect(aggregators.map((_, i) => table.result(entry, i))).toEqual(aggregators.map((a, i) => a.result(reference.get(key)![i]!)));
        }
        expect(table.size).toBe(reference.size);
        // The changelog holds every changed key once, in the format a restore reads back.
        const changes = table.takeChanges();
        expect(new Set(changes.map((c) => c.key))).toEqual(new Set(reference.keys()));
        for (const change of changes) expect(JSON.parse(change.value!)).toEqual({ g: JSON.parse(change.key), a: reference.get(change.key) });
        const restored = new AccumulatorTable(aggregators);
        for (const change of changes) restored.restore(change);
        for (const [key, accumulators] of reference) {
          const entry = restored.entry(key);
          expect(aggregators.map((_, i) => restored.result(entry, i))).toEqual(aggregators.map((a, i) => a.result(accumulators[i]!)));
        }
      }),
      { numRuns: 200 },
    );
  });

  it("grows past its initial capacity and finds every key again", () => {
    const table = new AccumulatorTable(createAggregators([{ fn: "count", as: "n" }]));
    for (let round = 0; round < 2; round++) for (let i = 0; i < 50_000; i++) table.accumulate(table.entry(`["k${i}"]`), [1]);
    expect(table.size).toBe(50_000);
    expect(table.result(table.entry('["k0"]'), 0)).toBe(2);
    expect(table.result(table.entry('["k49999"]'), 0)).toBe(2);
    expect(table.takeChanges()).toHaveLength(50_000);
    expect(table.takeChanges()).toEqual([]);
  });

  it("writes a changed key once per commit and forgets discarded changes", () => {
    const table = new AccumulatorTable(createAggregators([{ fn: "count", as: "n" }]));
    const entry = table.entry('["a"]');
    table.accumulate(entry, [1]);
    table.accumulate(entry, [1]);
    table.streamTime = 42;
    expect(table.takeChanges()).toEqual([
      { key: '["a"]', value: '{"g":["a"],"a":[2]}' },
      { key: streamTimeKey, value: "42" },
    ]);
    table.accumulate(entry, [1]);
    table.discardChanges();
    expect(table.takeChanges()).toEqual([]);
  });

  it("keeps keys longer than one chunk of characters", () => {
    const table = new AccumulatorTable(createAggregators([{ fn: "count", as: "n" }]));
    const key = JSON.stringify(["x".repeat(10_000)]);
    table.accumulate(table.entry(key), [1]);
    expect(table.takeChanges()[0]!.key).toBe(key);
  });
});
