import { describe, expect, it } from "vitest";
import { combineWatermarks, SourceWatermark, WatermarkState } from "./watermark-tracker";

describe("SourceWatermark", () => {
  it("is the minimum over partitions of the largest event time minus the delay", () => {
    const source = new SourceWatermark("s", "t", 100, 0);
    source.assign([0, 1], 0);
    expect(source.watermark(0)).toBe(Number.NEGATIVE_INFINITY);
    source.observe(0, 5_000, 0);
    expect(source.watermark(0)).toBe(Number.NEGATIVE_INFINITY);
    source.observe(1, 2_000, 0);
    expect(source.watermark(0)).toBe(1_900);
    // Out of order within a partition: the maximum stays.
    source.observe(1, 1_000, 0);
    expect(source.watermark(0)).toBe(1_900);
    source.observe(1, 9_000, 0);
    expect(source.watermark(0)).toBe(4_900);
  });

  it("counts a partition as idle only when caught up and silent for the timeout", () => {
    const source = new SourceWatermark("s", "t", 0, 1_000);
    source.assign([0, 1], 0);
    source.observe(0, 5_000, 0);
    // Partition 1 has a backlog not fetched yet: it never goes idle, however long it takes.
    source.progress(1, false, 0);
    expect(source.watermark(50_000)).toBe(Number.NEGATIVE_INFINITY);
    expect(source.isIdle(1, 50_000)).toBe(false);
    // Caught up (an empty partition): idle once the timeout has passed since it was last active.
    source.progress(1, true, 50_000);
    expect(source.isIdle(1, 50_000)).toBe(true);
    expect(source.watermark(50_000)).toBe(5_000);
  });

  it("lets an idle partition rejoin with its next record", () => {
    const source = new SourceWatermark("s", "t", 0, 1_000);
    source.assign([0, 1], 0);
    source.progress(0, true, 0);
    source.progress(1, true, 0);
    source.observe(0, 10_000, 0);
    source.observe(1, 3_000, 0);
    expect(source.watermark(500)).toBe(3_000);
    source.observe(0, 11_000, 1_500);
    expect(source.isIdle(1, 1_500)).toBe(true);
    expect(source.watermark(1_500)).toBe(11_000);
    source.observe(1, 4_000, 1_600);
    expect(source.watermark(1_600)).toBe(4_000);
  });

  it("is null when every partition is idle, and with an idle timeout of 0 nothing is ever idle", () => {
    const source = new SourceWatermark("s", "t", 0, 1_000);
    source.assign([0], 0);
    source.progress(0, true, 0);
    expect(source.watermark(1_000)).toBeNull();
    const never = new SourceWatermark("s", "t", 0, 0);
    never.assign([0], 0);
    never.progress(0, true, 0);
    expect(never.watermark(1e12)).toBe(Number.NEGATIVE_INFINITY);
  });
});

describe("combineWatermarks", () => {
  it("takes the minimum over inputs that are not idle, and null when all are", () => {
    expect(combineWatermarks([5, 3, null])).toBe(3);
    expect(combineWatermarks([null, 7])).toBe(7);
    expect(combineWatermarks([null, null])).toBeNull();
    expect(combineWatermarks([Number.NEGATIVE_INFINITY, 4])).toBe(Number.NEGATIVE_INFINITY);
  });
});

describe("WatermarkState", () => {
  it("writes each partition's new maximum once per commit, and restores them", () => {
    const a = new SourceWatermark("a", "t", 10, 0);
    const b = new SourceWatermark("b|x", "u", 0, 0);
    const state = new WatermarkState([a, b], () => 0);
    a.observe(0, 100, 0);
    a.observe(0, 300, 0);
    a.observe(2, 50, 0);
    b.observe(1, 7, 0);
    const changes = state.takeChanges();
    expect(changes).toEqual([
      { key: "a|0", value: "300" },
      { key: "a|2", value: "50" },
      { key: "b|x|1", value: "7" },
    ]);
    expect(state.takeChanges()).toEqual([]);

    const a2 = new SourceWatermark("a", "t", 10, 0);
    const b2 = new SourceWatermark("b|x", "u", 0, 0);
    const restored = new WatermarkState([a2, b2], () => 0);
    for (const change of changes) restored.restore(change);
    restored.restore({ key: "gone|0", value: "1" });
    expect(a2.maxima()).toEqual(new Map([[0, 300], [2, 50]]));
    expect(a2.watermark(0)).toBe(40);
    expect(b2.watermark(0)).toBe(7);
    expect(restored.takeChanges()).toEqual([]);
  });
});
