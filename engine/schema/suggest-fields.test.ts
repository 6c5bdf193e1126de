import { describe, expect, it } from "vitest";
import { inferSchema } from "./infer-schema";
import { suggestFromSample, suggestJoinKeys } from "./suggest-fields";

const start = Date.UTC(2026, 0, 1);
const orders = Array.from({ length: 200 }, (_, i) => ({
  order_id: `o-${i}`,
  country: ["US", "DE", "FR"][i % 3],
  amount: i * 1.5,
  // Mostly in order, a few late records.
  placed_at: start + i * 1000 - (i % 20 === 0 ? 5000 : 0),
  created: new Date(start + i * 60_000).toISOString(),
  customer: { id: i % 40, vip: i % 2 === 0 },
  ...(i % 4 === 0 ? { coupon: `c${i % 3}` } : {}),
}));

const suggest = (values: unknown[]) => suggestFromSample(values, inferSchema(values));

describe("suggestFromSample", () => {
  it("suggests repeated, always-present fields as grouping keys and unique ones as identity keys", () => {
    const result = suggest(orders);
    expect(result.groupKeys.map((key) => key.field)).toEqual(["customer.vip", "country", "customer.id"]);
    expect(result.groupKeys.find((key) => key.field === "country")!.reason).toBe("3 distinct in 200 records, 100% present: values repeat");
    expect(result.identityKeys.map((key) => key.field)).toContain("order_id");
    expect(result.identityKeys[0]!.field).toBe("order_id");
    // A field in only a quarter of the records is no key; a DOUBLE measure is not either.
    expect([...result.groupKeys, ...result.identityKeys].map((key) => key.field)).not.toContain("coupon");
    expect(result.groupKeys.map((key) => key.field)).not.toContain("amount");
  });

  it("finds event-time fields in epoch milliseconds and ISO-8601 that are nearly in order", () => {
    const result = suggest(orders);
    expect(result.eventTime.map((candidate) => [candidate.field, candidate.format])).toEqual([
      ["created", "iso-8601"],
      ["placed_at", "epoch-millis"],
    ]);
    expect(result.eventTime[1]!.monotonic).toBeGreaterThan(0.8);
    expect(result.eventTime[1]!.monotonic).toBeLessThan(1);
    // Small integers and shuffled times are not event time.
    const shuffled = suggest(Array.from({ length: 50 }, (_, i) => ({ at: start + ((i * 37) % 50) * 1000, n: i })));
    expect(shuffled.eventTime).toEqual([]);
  });

  it("says nothing for an empty sample", () => {
    expect(suggest([])).toEqual({ groupKeys: [], identityKeys: [], eventTime: [], values: {} });
  });
});

describe("suggestJoinKeys", () => {
  it("pairs fields by name, type and shared values", () => {
    const customers = Array.from({ length: 40 }, (_, i) => ({ id: i, name: `n${i}`, country: "US" }));
    const pairs = suggestJoinKeys(suggest(orders).values, suggest(customers).values);
    expect(pairs[0]).toMatchObject({ left: "customer.id", right: "id", overlap: 1 });
    expect(pairs[0]!.reason).toBe("same name, 100% of values shared");
    // Different kinds never pair: order_id (string) with id (number).
    expect(pairs.some((pair) => pair.left === "order_id" && pair.right === "id")).toBe(false);
  });
});
