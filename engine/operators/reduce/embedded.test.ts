import { describe, expect, it } from "vitest";
import { wordCountTemplate } from "../../graph";
import { TestDriver } from "../../runners/test-driver";
import { linearPipeline } from "../../runners/test-pipelines";
import { reduceData } from "./description";
import { createReduce, maxHeldKeys, windowStarts } from "./embedded";

const t0 = Date.UTC(2026, 0, 1);

describe("reduce without a window", () => {
  it("emits the updated aggregates of a key on every input", () => {
    const driver = new TestDriver(
      linearPipeline([{ type: "reduce", data: { groupBy: ["user"], aggregations: [{ fn: "count", as: "n" }, { fn: "sum", field: "amount", as: "total" }, { fn: "avg", field: "amount", as: "mean" }, { fn: "min", field: "amount", as: "low" }, { fn: "max", field: "amount", as: "high" }] } }], { sinkKey: "user" }),
    );
    driver.pipe("in", [{ user: "a", amount: 10 }, { user: "b", amount: 1 }, { user: "a", amount: 30 }, { user: "a", amount: null }]);
    expect(driver.values("out")).toEqual([
      { user: "a", n: 1, total: 10, mean: 10, low: 10, high: 10 },
      { user: "b", n: 1, total: 1, mean: 1, low: 1, high: 1 },
      { user: "a", n: 2, total: 40, mean: 20, low: 10, high: 30 },
      { user: "a", n: 3, total: 40, mean: 20, low: 10, high: 30 },
    ]);
  });

  it("dead-letters a record whose aggregate input has the wrong type, leaving the state untouched", () => {
    const driver = new TestDriver(linearPipeline([{ type: "reduce", data: { groupBy: ["k"], aggregations: [{ fn: "count", as: "n" }, { fn: "sum", field: "v", as: "s" }] } }]));
    driver.pipe("in", [{ k: 1, v: 1 }, { k: 1, v: "two" }, { k: 1, v: 3 }]);
    expect(driver.values("out").at(-1)).toEqual({ k: 1, n: 2, s: 4 });
    expect(driver.deadLetters).toEqual([expect.objectContaining({ code: "type-error", message: "sum(v) needs a number, got the string 'two'" })]);
  });

  it("writes its changelog as {g, a} under the group's JSON, and restores from it", () => {
    const data = { groupBy: ["k"], aggregations: [{ fn: "count" as const, as: "n" }, { fn: "avg" as const, field: "v", as: "m" }] };
    const origin = { topic: "in", partition: 0, offset: "0" };
    const context = { deadLetter: () => {} };
    const first = createReduce("r", data);
    first.process([{ fields: { k: "a", v: 2 }, timestamp: t0, origin }, { fields: { k: "a", v: 4 }, timestamp: t0 + 1, origin }], "in", () => {}, context);
    const changes = first.state.takeChanges();
    expect(changes).toEqual(expect.arrayContaining([{ key: '["a"]', value: '{"g":["a"],"a":[2,[6,2]]}' }, { key: "~t", value: String(t0 + 1) }]));

    const second = createReduce("r", data);
    for (const change of changes) second.state.restore(change);
    second.restored?.();
    const out: unknown[] = [];
    second.process([{ fields: { k: "a", v: 9 }, timestamp: t0 + 2, origin }], "in", (record) => out.push({ ...record.fields }), context);
    expect(out).toEqual([{ k: "a", n: 3, m: 5 }]);
  });

  it("counts words exactly with the word count template, across a restart", () => {
    const driver = new TestDriver(wordCountTemplate());
    driver.pipe("test", ["the quick brown fox", "The lazy dog"]);
    driver.restart();
    driver.pipe("test", ["the  end"]);
    const counts = Object.fromEntries([...driver.latestByKey("result")].map(([key, value]) => [key, value.count]));
    expect(counts).toEqual({ the: 3, quick: 1, brown: 1, fox: 1, lazy: 1, dog: 1, end: 1 });
  });
});

describe("reduce emitting once per commit", () => {
  const data = { groupBy: ["user"], aggregations: [{ fn: "count" as const, as: "n" }, { fn: "sum" as const, field: "amount", as: "total" }], emit: "commit" as const };

  it("emits each changed key's latest aggregate once per commit, with its latest record's time", () => {
    const driver = new TestDriver(linearPipeline([{ type: "reduce", data }], { sinkKey: "user" }));
    driver.pipe("in", [
      { value: { user: "a", amount: 10 }, timestamp: t0 },
      { value: { user: "b", amount: 1 }, timestamp: t0 + 1 },
      { value: { user: "a", amount: 30 }, timestamp: t0 + 2 },
    ]);
    expect(driver.values("out")).toEqual([
      { user: "a", n: 2, total: 40 },
      { user: "b", n: 1, total: 1 },
    ]);
    expect(driver.output.map((m) => m.timestamp)).toEqual([t0 + 2, t0 + 1]);
    // The next commit carries only the keys it changed.
    driver.pipe("in", [{ value: { user: "b", amount: 5 }, timestamp: t0 + 3 }]);
    expect(driver.values("out").slice(2)).toEqual([{ user: "b", n: 2, total: 6 }]);
  });

  it("ends with the same latest value per key as emitting every update, across restarts and any batching", () => {
    const records = Array.from({ length: 500 }, (_, i) => ({ user: `u${(i * 7) % 13}`, amount: i % 11 }));
    const perUpdate = new TestDriver(linearPipeline([{ type: "reduce", data: { ...data, emit: "update" as const } }], { sinkKey: "user" }));
    perUpdate.pipe("in", records);
    const perCommit = new TestDriver(linearPipeline([{ type: "reduce", data }], { sinkKey: "user" }));
    perCommit.append("in", records);
    for (let i = 0; i < 10; i++) {
      perCommit.consume("in", 0, 37);
      // A crash after a commit: held output was flushed into it, the state restored from its changelog.
      if (i % 3 === 2) perCommit.restart();
    }
    perCommit.consume("in", 0);
    expect(perCommit.latestByKey("out")).toEqual(perUpdate.latestByKey("out"));
    expect(perUpdate.output).toHaveLength(500);
    expect(perCommit.output.length).toBeLessThanOrEqual(11 * 13);
  });

  it("writes the same changelog as emitting every update", () => {
    const origin = { topic: "in", partition: 0, offset: "0" };
    const context = { deadLetter: () => {} };
    const batch = [{ fields: { user: "a", amount: 2 }, timestamp: t0, origin }, { fields: { user: "a", amount: 4 }, timestamp: t0 + 1, origin }];
    const held = createReduce("r", data);
    const eager = createReduce("r", { ...data, emit: "update" });
    held.process(batch, "in", () => {}, context);
    eager.process(batch, "in", () => {}, context);
    expect(held.state.takeChanges()).toEqual(eager.state.takeChanges());
  });

  it("emits early when more keys than it holds change between commits, without losing any", () => {
    const origin = { topic: "in", partition: 0, offset: "0" };
    const reduce = createReduce("r", data);
    const out: Record<string, unknown>[] = [];
    const batch = Array.from({ length: maxHeldKeys + 10 }, (_, i) => ({ fields: { user: `k${i}`, amount: 1 }, timestamp: t0, origin }));
    reduce.process(batch, "in", (record) => out.push(record.fields), { deadLetter: () => {} });
    expect(out).toHaveLength(maxHeldKeys);
    reduce.flush!((record) => out.push(record.fields), { deadLetter: () => {} });
    expect(out).toHaveLength(maxHeldKeys + 10);
    expect(new Set(out.map((fields) => fields.user)).size).toBe(maxHeldKeys + 10);
  });

  it("is refused with a window, and absent by default", () => {
    const windowed = reduceData.safeParse({ ...data, window: { type: "tumbling", size: 1000 } });
    expect(windowed.success).toBe(false);
    expect(windowed.error?.issues[0]).toMatchObject({ path: ["emit"] });
    expect(reduceData.safeParse({ ...data, emit: "sometimes" }).error?.issues[0]?.message).toBe("Emit must be 'update' or 'commit'");
    expect(reduceData.parse({ groupBy: [], aggregations: [{ fn: "count", as: "n" }] }).emit).toBeUndefined();
  });
});

describe("reduce with a tumbling window", () => {
  const pipeline = (lateness?: number) =>
    linearPipeline([{ type: "reduce", data: { groupBy: ["k"], aggregations: [{ fn: "count", as: "n" }], window: { type: "tumbling", size: 60_000 }, ...(lateness === undefined ? {} : { allowedLateness: lateness }) } }]);

  it("emits each window once, when stream time passes its end", () => {
    const driver = new TestDriver(pipeline());
    driver.pipe("in", [{ value: { k: "a" }, timestamp: t0 + 1_000 }, { value: { k: "a" }, timestamp: t0 + 59_999 }, { value: { k: "b" }, timestamp: t0 + 30_000 }]);
    expect(driver.values("out")).toEqual([]);
    driver.pipe("in", [{ value: { k: "a" }, timestamp: t0 + 60_000 }]);
    expect(driver.values("out")).toEqual([
      { k: "a", n: 2, window_start: t0, window_end: t0 + 60_000 },
      { k: "b", n: 1, window_start: t0, window_end: t0 + 60_000 },
    ]);
    expect(driver.output[0]!.timestamp).toBe(t0 + 59_999);
  });

  it("sends records for closed windows to the dead letters, and honours allowed lateness", () => {
    const strict = new TestDriver(pipeline());
    // Lateness is judged against the watermark of the records consumed before: the late one comes in a later batch.
    strict.pipe("in", [{ value: { k: "a" }, timestamp: t0 + 61_000 }]);
    strict.pipe("in", [{ value: { k: "a" }, timestamp: t0 + 5_000 }]);
    expect(strict.deadLetters.map((d) => d.code)).toEqual(["late-record"]);

    const lenient = new TestDriver(pipeline(10_000));
    for (const offset of [61_000, 5_000, 70_000]) lenient.pipe("in", [{ value: { k: "a" }, timestamp: t0 + offset }]);
    expect(lenient.deadLetters).toEqual([]);
    expect(lenient.values("out")).toEqual([{ k: "a", n: 1, window_start: t0, window_end: t0 + 60_000 }]);
  });

  it("gives the same windows however the input is split into batches, and after a restart", () => {
    const inputs = Array.from({ length: 300 }, (_, i) => ({ value: { k: `k${i % 3}` }, timestamp: t0 + i * 1_000 }));
    const whole = new TestDriver(pipeline());
    whole.pipe("in", inputs);
    const split = new TestDriver(pipeline());
    for (let i = 0; i < inputs.length; i += 7) {
      split.pipe("in", inputs.slice(i, i + 7));
      if (i % 70 === 0) split.restart();
    }
    expect(split.values("out")).toEqual(whole.values("out"));
    expect(whole.values("out")).toHaveLength(4 * 3);
  });

  it("drops a window's state once it is emitted", () => {
    const driver = new TestDriver(pipeline());
    driver.pipe("in", Array.from({ length: 100 }, (_, i) => ({ value: { k: `k${i}` }, timestamp: t0 + i })));
    expect(driver.stateSize("step1")).toBe(101);
    driver.pipe("in", [{ value: { k: "late-closer" }, timestamp: t0 + 120_000 }]);
    expect(driver.stateSize("step1")).toBe(2);
  });
});

describe("reduce with a hopping window", () => {
  it("counts a record in every window that covers it", () => {
    expect(windowStarts({ type: "hopping", size: 60_000, slide: 20_000 }, t0 + 45_000)).toEqual([t0, t0 + 20_000, t0 + 40_000]);
    const driver = new TestDriver(linearPipeline([{ type: "reduce", data: { groupBy: [], aggregations: [{ fn: "sum", field: "v", as: "s" }], window: { type: "hopping", size: 60_000, slide: 20_000 } } }]));
    driver.pipe("in", [{ value: { v: 1 }, timestamp: t0 + 45_000 }, { value: { v: 10 }, timestamp: t0 + 65_000 }, { value: { v: 0 }, timestamp: t0 + 200_000 }]);
    expect(driver.values("out").map((v) => [v.window_start, v.s])).toEqual([
      [t0, 1],
      [t0 + 20_000, 11],
      [t0 + 40_000, 11],
      [t0 + 60_000, 10],
    ]);
  });
});

describe("reduce with a session window", () => {
  it("merges records closer than the gap and emits a session when it closes", () => {
    const driver = new TestDriver(linearPipeline([{ type: "reduce", data: { groupBy: ["user"], aggregations: [{ fn: "count", as: "clicks" }], window: { type: "session", gap: 10_000 } } }]));
    driver.pipe("in", [0, 8_000, 5_000, 17_000, 25_000].map((offset) => ({ value: { user: "u" }, timestamp: t0 + offset })));
    expect(driver.values("out")).toEqual([]);
    // 15 s after the last click: a new session, and stream time has passed the first one's end.
    driver.pipe("in", [{ value: { user: "u" }, timestamp: t0 + 40_000 }]);
    expect(driver.values("out")).toEqual([{ user: "u", clicks: 5, window_start: t0, window_end: t0 + 35_000 }]);
    driver.pipe("in", [{ value: { user: "x" }, timestamp: t0 + 100_000 }]);
    expect(driver.values("out").at(-1)).toEqual({ user: "u", clicks: 1, window_start: t0 + 40_000, window_end: t0 + 50_000 });
  });

  it("merges two sessions bridged by a late-arriving record", () => {
    const driver = new TestDriver(linearPipeline([{ type: "reduce", data: { groupBy: [], aggregations: [{ fn: "count", as: "n" }], window: { type: "session", gap: 10_000 }, allowedLateness: 30_000 } }]));
    driver.pipe("in", [0, 18_000, 9_000].map((offset) => ({ value: {}, timestamp: t0 + offset })));
    driver.pipe("in", [{ value: {}, timestamp: t0 + 100_000 }]);
    expect(driver.values("out")).toEqual([{ n: 3, window_start: t0, window_end: t0 + 28_000 }]);
  });
});
