import { describe, expect, it } from "vitest";
import { TestDriver } from "../../runners/test-driver";
import { joinPipeline } from "../../runners/test-pipelines";

const t0 = Date.UTC(2026, 0, 1);

describe("join", () => {
  it("matches left and right records with equal keys within the bound, in either arrival order", () => {
    const driver = new TestDriver(joinPipeline({ leftKey: "id", rightKey: "order_id", type: "inner", within: 10_000, allowedLateness: 10_000 }));
    driver.pipe("left", [{ value: { id: 1, amount: 5 }, timestamp: t0 }, { value: { id: 2, amount: 7 }, timestamp: t0 + 1 }]);
    driver.pipe("right", [{ value: { order_id: 1, paid: true }, timestamp: t0 + 9_000 }, { value: { order_id: 2, paid: false }, timestamp: t0 + 20_000 }]);
    driver.pipe("left", [{ value: { id: 1, amount: 6 }, timestamp: t0 + 12_000 }]);
    expect(driver.values("out")).toEqual([
      { id: 1, amount: 5, order_id: 1, paid: true },
      { id: 1, amount: 6, order_id: 1, paid: true },
    ]);
  });

  it("renames right fields that clash with left ones", () => {
    const driver = new TestDriver(joinPipeline({ leftKey: "id", rightKey: "id", type: "inner", within: 1_000 }));
    driver.pipe("left", [{ value: { id: "a", v: 1 }, timestamp: t0 }]);
    driver.pipe("right", [{ value: { id: "a", v: 2 }, timestamp: t0 }]);
    expect(driver.values("out")).toEqual([{ id: "a", v: 1, right_id: "a", right_v: 2 }]);
  });

  it("emits an unmatched left record once its bound has passed, in a left join", () => {
    const driver = new TestDriver(joinPipeline({ leftKey: "id", rightKey: "id", type: "left", within: 5_000 }));
    driver.pipe("left", [{ value: { id: 1 }, timestamp: t0 }, { value: { id: 2 }, timestamp: t0 }, { value: { id: null }, timestamp: t0 }]);
    driver.pipe("right", [{ value: { id: 2, r: true }, timestamp: t0 + 1_000 }]);
    expect(driver.values("out")).toEqual([{ id: null }, { id: 2, right_id: 2, r: true }]);
    driver.advance(3_000);
    driver.pipe("right", [{ value: { id: 99 }, timestamp: t0 + 5_001 }]);
    // The left topic's partition still holds the watermark at t0 until it is idle (caught up, no record for 5 s).
    expect(driver.values("out")).toEqual([{ id: null }, { id: 2, right_id: 2, r: true }]);
    driver.advance(2_000);
    expect(driver.values("out")).toEqual([{ id: null }, { id: 2, right_id: 2, r: true }, { id: 1 }]);
  });

  it("cleans up its buffers and dead-letters records too late to join", () => {
    const driver = new TestDriver(joinPipeline({ leftKey: "id", rightKey: "id", type: "inner", within: 1_000 }));
    driver.pipe("left", Array.from({ length: 50 }, (_, i) => ({ value: { id: i }, timestamp: t0 + i })));
    expect(driver.stateSize("j")).toBe(50);
    driver.advance(3_000);
    driver.pipe("right", [{ value: { id: -1 }, timestamp: t0 + 10_000 }]);
    // The watermark is the minimum over both sides: the left side holds it at t0 + 49 until it is idle.
    expect(driver.watermark("j")).toBe(t0 + 49);
    driver.advance(2_000);
    expect(driver.watermark("j")).toBe(t0 + 10_000);
    expect(driver.stateSize("j")).toBe(2);
    driver.pipe("left", [{ value: { id: 3 }, timestamp: t0 }]);
    expect(driver.deadLetters.map((d) => d.code)).toEqual(["late-record"]);
  });

  it("restores its buffers after a restart", () => {
    const driver = new TestDriver(joinPipeline({ leftKey: "id", rightKey: "id", type: "inner", within: 10_000 }));
    driver.pipe("left", [{ value: { id: 7, side: "L" }, timestamp: t0 }]);
    driver.restart();
    driver.pipe("right", [{ value: { id: 7, extra: 1 }, timestamp: t0 + 5 }]);
    expect(driver.values("out")).toEqual([{ id: 7, side: "L", right_id: 7, extra: 1 }]);
  });
});
