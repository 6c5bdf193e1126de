import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { WindowSpec } from "../operators/reduce/description";
import {
  backlog,
  finalWatermark,
  joinIdsPipeline,
  referencePairs,
  referenceWindows,
  sortWindows,
  windowedCountPipeline,
  type BacklogRecord,
} from "./event-time-cases";
import { TestDriver } from "./test-driver";

const t0 = Date.UTC(2026, 0, 1);
const delay = 2_000;
const windows: [string, WindowSpec][] = [
  ["tumbling", { type: "tumbling", size: 10_000 }],
  ["hopping", { type: "hopping", size: 10_000, slide: 5_000 }],
  ["session", { type: "session", gap: 1_500 }],
];

/** An uneven backlog on 3 partitions: 240, 90 and 30 records over the same 60 s of event time, out of order within the delay. */
const records = backlog({ counts: [240, 90, 30], start: t0, span: 60_000, delay, keys: ["a", "b", "c"], seed: 11 });

const asInput = (r: BacklogRecord) => ({ value: { k: r.key, id: r.id }, timestamp: r.timestamp, partition: r.partition });

/** A consumption schedule: which partition to read next and how many records at most, cycling until the backlog is empty. */
const schedule = fc.array(fc.record({ partition: fc.nat(9), max: fc.integer({ min: 1, max: 80 }), restart: fc.boolean() }), { minLength: 1, maxLength: 30 });

/** Consumes every appended record of the topics by the schedule (a step picks among the partitions with records left), restarting the driver (a crash) where it says so. */
function consumeBy(driver: TestDriver, topics: { topic: string; partitions: number }[], steps: { partition: number; max: number; restart: boolean }[]): void {
  const all = topics.flatMap(({ topic, partitions }) => Array.from({ length: partitions }, (_, partition) => ({ topic, partition })));
  for (let i = 0; ; i++) {
    const left = all.filter(({ topic, partition }) => driver.backlog(topic, partition) > 0);
    if (left.length === 0) return;
    const step = steps[i % steps.length]!;
    const { topic, partition } = left[step.partition % left.length]!;
    driver.consume(topic, partition, step.max);
    if (step.restart && i % 5 === 0) driver.restart();
  }
}

const windowsOut = (driver: TestDriver) => sortWindows(driver.values("out").map(({ k, n, window_start, window_end }) => ({ k, n, window_start, window_end })));

describe("event time over an uneven multi-partition backlog", () => {
  for (const [name, window] of windows) {
    describe(`a ${name} window`, () => {
      it("emits the same windows, exactly the reference, whatever order and batches the partitions are consumed in (and across restarts)", () => {
        const watermark = finalWatermark(records, [0, 1, 2], delay);
        const expected = referenceWindows(records, window, watermark);
        expect(expected.length).toBeGreaterThan(5);
        fc.assert(
          fc.property(schedule, (steps) => {
            const driver = new TestDriver(windowedCountPipeline(window, { watermarkDelayMs: delay }), { partitions: { in: 3 } });
            driver.append("in", records.map(asInput));
            consumeBy(driver, [{ topic: "in", partitions: 3 }], steps);
            expect(driver.deadLetters).toEqual([]);
            expect(windowsOut(driver)).toEqual(expected);
          }),
          { numRuns: 25 },
        );
      });

      it("does not let a partition that is idle hold the watermark back once its idle timeout has passed", () => {
        // Partition 2 has records only in the first 10 s, then none: caught up and silent, it goes idle.
        const early = records.filter((r) => r.partition !== 2 || r.timestamp < t0 + 10_000);
        const driver = new TestDriver(windowedCountPipeline(window, { watermarkDelayMs: delay, idleTimeoutMs: 3_000 }), { partitions: { in: 3 } });
        driver.append("in", early.map(asInput));
        driver.consume("in", 2);
        // Partitions 0 and 1 are read 2 s later (in the fake clock) than partition 2's last record.
        driver.advance(2_000);
        for (const partition of [1, 0]) driver.consume("in", partition);
        const held = finalWatermark(early, [0, 1, 2], delay);
        expect(driver.watermark("count")).toBe(held);
        expect(windowsOut(driver)).toEqual(referenceWindows(early, window, held));

        driver.advance(999);
        expect(driver.watermark("count")).toBe(held);
        driver.advance(1);
        const released = finalWatermark(early, [0, 1], delay);
        expect(driver.watermark("count")).toBe(released);
        expect(windowsOut(driver)).toEqual(referenceWindows(early, window, released));
        expect(driver.deadLetters).toEqual([]);

        // A record on the idle partition makes it active again; one behind the watermark is late.
        driver.pipe("in", [{ value: { k: "a", id: -1 }, timestamp: released + 5_000, partition: 2 }]);
        expect(driver.deadLetters).toEqual([]);
      });

      it("dead-letters and counts truly late records, and loses nothing else", () => {
        const driver = new TestDriver(windowedCountPipeline(window, { watermarkDelayMs: delay }), { partitions: { in: 3 } });
        driver.pipe("in", records.map(asInput));
        const watermark = finalWatermark(records, [0, 1, 2], delay);
        // Behind the watermark by more than any window: their windows were emitted long ago.
        const late = [0, 1, 2].map((partition, i) => ({ value: { k: "a", id: 10_000 + i }, timestamp: t0 + 1_000 + i, partition }));
        // Within the delay of its partition: on time, counted in an open window.
        const onTime = { value: { k: "b", id: 20_000 }, timestamp: watermark + 1, partition: 0 };
        driver.pipe("in", [...late, onTime]);
        expect(driver.deadLetters.map((d) => [d.code, d.nodeId, JSON.parse(String(d.payload)).id])).toEqual(late.map((l) => ["late-record", "count", l.value.id]));
        expect(driver.metrics.node("count").lateRecords).toBe(3);
        expect(windowsOut(driver)).toEqual(referenceWindows(records, window, watermark));
        // The on-time record shows up once its window closes.
        const later = records.map((r) => ({ ...r, timestamp: r.timestamp + 60_000, id: r.id + 100_000 }));
        driver.pipe("in", later.map(asInput));
        const all = [...records, ...later, { partition: 0, timestamp: onTime.timestamp, key: "b", id: 20_000 }];
        expect(windowsOut(driver)).toEqual(referenceWindows(all, window, finalWatermark(later, [0, 1, 2], delay)));
      });
    });
  }

  it("applies idle timeouts in the order they expire, even when one timer tick sees them all", () => {
    const data = records.filter((r) => r.partition !== 2);
    const driver = new TestDriver(windowedCountPipeline({ type: "tumbling", size: 10_000 }, { watermarkDelayMs: delay, idleTimeoutMs: 3_000 }), { partitions: { in: 3 } });
    driver.advance(500);
    driver.pipe("in", data.map(asInput));
    // Partition 2 (empty) went idle 500 ms before 0 and 1: the watermark took that step before all were idle.
    driver.advance(60_000);
    const watermark = finalWatermark(data, [0, 1], delay);
    expect(driver.watermark("count")).toBe(watermark);
    expect(windowsOut(driver)).toEqual(referenceWindows(data, { type: "tumbling", size: 10_000 }, watermark));
  });

  it("fails the old way no more: reading one partition ahead of the others loses no window", () => {
    // The case in small: partition 0 is read completely before partitions 1 and 2.
    const driver = new TestDriver(windowedCountPipeline({ type: "tumbling", size: 10_000 }), { partitions: { in: 3 } });
    const inOrder = backlog({ counts: [300, 300, 300], start: t0, span: 120_000, delay: 0, keys: ["x", "y"], seed: 3 });
    driver.append("in", inOrder.map(asInput));
    for (const partition of [0, 1, 2]) driver.consume("in", partition);
    expect(driver.deadLetters).toEqual([]);
    const counted = windowsOut(driver).reduce((sum, w) => sum + Number(w.n), 0);
    expect(windowsOut(driver)).toEqual(referenceWindows(inOrder, { type: "tumbling", size: 10_000 }, finalWatermark(inOrder, [0, 1, 2], 0)));
    expect(counted).toBeGreaterThan(800);
  });
});

describe("the interval join over uneven multi-partition backlogs", () => {
  const left = backlog({ counts: [120, 40], start: t0, span: 60_000, delay, keys: ["a", "b", "c", "d"], seed: 5 });
  const right = backlog({ counts: [30, 90], start: t0, span: 60_000, delay, keys: ["a", "b", "c", "d"], seed: 6 }).map((r) => ({ ...r, id: r.id + 1_000 }));
  const within = 1_000;
  const expected = referencePairs(left, right, within);
  const pairs = (driver: TestDriver) => driver.values("out").map((v) => String(v.pair)).sort();

  it("emits exactly the reference pairs whatever order and batches the partitions of both sides are consumed in", () => {
    expect(expected.length).toBeGreaterThan(50);
    fc.assert(
      fc.property(schedule, (steps) => {
        const driver = new TestDriver(joinIdsPipeline(within, { watermarkDelayMs: delay }), { partitions: { left: 2, right: 2 } });
        driver.append("left", left.map(asInput));
        driver.append("right", right.map(asInput));
        consumeBy(driver, [{ topic: "left", partitions: 2 }, { topic: "right", partitions: 2 }], steps);
        expect(driver.deadLetters).toEqual([]);
        expect(pairs(driver)).toEqual(expected);
      }),
      { numRuns: 25 },
    );
  });

  it("expires its buffers once an idle side stops holding the watermark, and dead-letters records too late to join", () => {
    const driver = new TestDriver(joinIdsPipeline(within, { watermarkDelayMs: delay, idleTimeoutMs: 3_000 }), { partitions: { left: 2, right: 2 } });
    // The right side's partition 0 is empty: it holds the watermark (and every buffer) until it is idle, 3 s after it was assigned.
    driver.advance(2_000);
    driver.pipe("left", left.map(asInput));
    const rightOne = right.filter((r) => r.partition === 1);
    driver.pipe("right", rightOne.map(asInput));
    expect(driver.watermark("j")).toBeNull();
    const buffered = driver.stateSize("j");
    driver.advance(1_000);
    const watermark = Math.min(finalWatermark(left, [0, 1], delay), finalWatermark(rightOne, [1], delay));
    expect(driver.watermark("j")).toBe(watermark);
    expect(driver.stateSize("j")).toBeLessThan(buffered / 4);
    expect(pairs(driver)).toEqual(referencePairs(left, rightOne, within));
    driver.pipe("right", [{ value: { k: "a", id: 9_999 }, timestamp: t0, partition: 0 }]);
    expect(driver.deadLetters.map((d) => [d.code, d.nodeId])).toEqual([["late-record", "j"]]);
    expect(driver.metrics.node("j").lateRecords).toBe(1);
    expect(pairs(driver)).toEqual(referencePairs(left, rightOne, within));
  });
});

describe("event time from a field", () => {
  const pipeline = (format: "epoch-millis" | "iso-8601") => windowedCountPipeline({ type: "tumbling", size: 10_000 }, { timeField: "meta.at", timeFormat: format });

  it("reads epoch milliseconds or ISO-8601 strings, whatever the Kafka timestamps say", () => {
    const epoch = new TestDriver(pipeline("epoch-millis"));
    epoch.pipe("in", [{ value: { k: "a", meta: { at: t0 + 1_000 } }, timestamp: 0 }, { value: { k: "a", meta: { at: t0 + 12_000 } }, timestamp: 0 }]);
    expect(epoch.values("out")).toEqual([{ k: "a", n: 1, window_start: t0, window_end: t0 + 10_000 }]);

    const iso = new TestDriver(pipeline("iso-8601"));
    iso.pipe("in", [{ value: { k: "a", meta: { at: "2026-01-01T00:00:01.500Z" } }, timestamp: 0 }, { value: { k: "a", meta: { at: "2026-01-01T01:00:12+01:00" } }, timestamp: 0 }]);
    expect(iso.values("out")).toEqual([{ k: "a", n: 1, window_start: t0, window_end: t0 + 10_000 }]);
  });

  it("dead-letters a record whose time field is missing or unreadable, with event-time-error", () => {
    const driver = new TestDriver(pipeline("iso-8601"));
    driver.pipe("in", [{ k: "a" }, { k: "a", meta: { at: 17 } }, { k: "a", meta: { at: "2026-01-01T00:00:00" } }, { k: "a", meta: { at: "yesterday" } }]);
    expect(driver.deadLetters.map((d) => [d.code, d.nodeId])).toEqual(Array.from({ length: 4 }, () => ["event-time-error", "source"]));
    expect(driver.deadLetters[0]!.message).toBe("The event-time field 'meta.at' is missing or null");
    expect(driver.deadLetters[2]!.message).toContain("ISO-8601 date-time with a zone");
    const epoch = new TestDriver(pipeline("epoch-millis"));
    epoch.pipe("in", [{ k: "a", meta: { at: "1767225600000" } }, { k: "a", meta: { at: 1.5 } }]);
    expect(epoch.deadLetters.map((d) => d.message)).toEqual([
      "The event-time field 'meta.at' must be a whole number of epoch milliseconds, got the string \"1767225600000\"",
      "The event-time field 'meta.at' must be a whole number of epoch milliseconds, got the number 1.5",
    ]);
  });
});
