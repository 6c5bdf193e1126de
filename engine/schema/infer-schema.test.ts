import { describe, expect, it } from "vitest";
import { T } from "../expr/types";
import { inferSchema } from "./infer-schema";

describe("inferSchema", () => {
  it("gives an empty sample no fields and an open record type", () => {
    expect(inferSchema([])).toEqual({ sampled: 0, notObjects: 0, fields: [], recordType: T.anyRecord() });
  });

  it("types flat fields, with presence, nullability, examples and distinct counts", () => {
    const schema = inferSchema([
      { id: 1, country: "US", amount: 10.5, vip: true },
      { id: 2, country: "DE", amount: 3, vip: null },
      { id: 3, country: "US", amount: 7 },
      { id: 4_000_000_000, country: "FR", amount: 1.25, vip: false },
    ]);
    expect(schema.recordType).toEqual(T.row({ id: T.bigint, country: T.string, amount: T.double, vip: T.boolean }));
    const byName = Object.fromEntries(schema.fields.map((field) => [field.name, field]));
    expect(byName.id).toMatchObject({ type: T.bigint, kinds: { int: 3, bigint: 1 }, nullable: false, presence: 1, distinct: 4, mixed: false });
    expect(byName.country).toMatchObject({ type: T.string, examples: ["US", "DE", "FR"], distinct: 3, nullable: false });
    expect(byName.vip).toMatchObject({ type: T.boolean, nullable: true, presence: 0.75, kinds: { boolean: 2, null: 1 } });
  });

  it("follows nested objects and arrays, with presence relative to the parent", () => {
    const schema = inferSchema([
      { customer: { name: "Ada", address: { city: "London" } }, items: [{ sku: "a", qty: 1 }, { sku: "b" }] },
      { customer: { name: "Bo" }, items: [] },
      { customer: null, items: [{ sku: "c", qty: 2 }] },
    ]);
    const customer = schema.fields.find((field) => field.name === "customer")!;
    expect(customer.nullable).toBe(true);
    expect(customer.type).toEqual(T.row({ name: T.string, address: T.row({ city: T.string }) }));
    expect(customer.fields!.find((field) => field.name === "address")).toMatchObject({ path: "customer.address", presence: 0.5, nullable: true });
    const items = schema.fields.find((field) => field.name === "items")!;
    expect(items.type).toEqual(T.array(T.row({ sku: T.string, qty: T.int })));
    expect(items.element!.fields!.find((field) => field.name === "qty")).toMatchObject({ path: "items[].qty", presence: 2 / 3, nullable: true });
  });

  it("reports mixed kinds and types them ANY instead of picking one", () => {
    const schema = inferSchema([{ code: 1 }, { code: "A1" }, { code: 2 }, "not a record", [1]]);
    expect(schema.notObjects).toBe(2);
    expect(schema.fields[0]).toMatchObject({ name: "code", type: T.any, mixed: true, kinds: { int: 2, string: 1 } });
  });

  it("keeps a field that was only ever null typed NULL and nullable", () => {
    expect(inferSchema([{ gone: null }, { gone: null }]).fields[0]).toMatchObject({ type: T.null, nullable: true, presence: 1, distinct: 0 });
  });
});
