import { describe, expect, it } from "vitest";
import { validatePipeline } from "../../graph";
import { TestDriver } from "../../runners/test-driver";
import { linearPipeline } from "../../runners/test-pipelines";
import { compilePipelineToFlinkSql, planScript } from "../../runners/flink/compile-pipeline";

const t0 = Date.UTC(2026, 0, 1);
const dedup = (extra: Record<string, unknown> = {}) =>
  linearPipeline([{ type: "deduplicate", id: "dedup", data: { key: ["id"], within: 10_000, ...extra } }], { sinkKey: "id" });

const ids = (driver: TestDriver) => driver.values("out").map((value) => `${value.id}:${value.n}`);

describe("deduplicate", () => {
  it("passes the first record of a key per window, at the window's end, and drops the repeats", () => {
    const driver = new TestDriver(dedup());
    driver.pipe("in", [
      { value: { id: "a", n: 1 }, timestamp: t0 + 1_000 },
      { value: { id: "b", n: 2 }, timestamp: t0 + 2_000 },
      { value: { id: "a", n: 3 }, timestamp: t0 + 3_000 },
      { value: { id: "a", n: 4 }, timestamp: t0 + 500 },
    ]);
    expect(ids(driver)).toEqual([]);
    // The next window: a is new there; the watermark passes the first window's end.
    driver.pipe("in", [{ value: { id: "a", n: 5 }, timestamp: t0 + 10_500 }]);
    expect(ids(driver).sort()).toEqual(["a:4", "b:2"]);
    driver.pipe("in", [{ value: { id: "c", n: 6 }, timestamp: t0 + 21_000 }]);
    expect(ids(driver).sort()).toEqual(["a:4", "a:5", "b:2"]);
  });

  it("sends a record for a closed window to the dead letters", () => {
    const driver = new TestDriver(dedup());
    driver.pipe("in", [{ value: { id: "a", n: 1 }, timestamp: t0 + 15_000 }]);
    driver.pipe("in", [{ value: { id: "a", n: 2 }, timestamp: t0 + 1_000 }]);
    expect(driver.deadLetters.map((letter) => letter.code)).toEqual(["late-record"]);
  });

  it("keeps what it has seen across a crash: no repeat and no loss after a restart from the changelog", () => {
    const driver = new TestDriver(dedup());
    driver.pipe("in", [
      { value: { id: "a", n: 1 }, timestamp: t0 + 1_000 },
      { value: { id: "b", n: 2 }, timestamp: t0 + 2_000 },
    ]);
    driver.restart();
    driver.pipe("in", [
      { value: { id: "a", n: 3 }, timestamp: t0 + 4_000 },
      { value: { id: "b", n: 4 }, timestamp: t0 + 12_000 },
    ]);
    expect(ids(driver).sort()).toEqual(["a:1", "b:2"]);
    driver.restart();
    driver.pipe("in", [{ value: { id: "z", n: 9 }, timestamp: t0 + 25_000 }]);
    expect(ids(driver).sort()).toEqual(["a:1", "b:2", "b:4"]);
  });

  it("needs key fields and a window", () => {
    expect(validatePipeline(dedup({ key: [] })).problems).toContainEqual(expect.objectContaining({ code: "node.config", nodeId: "dedup", field: "key" }));
    expect(validatePipeline(dedup({ within: 0 })).problems).toContainEqual(expect.objectContaining({ code: "node.config", nodeId: "dedup", field: "within" }));
  });

  it("compiles to Flink's window deduplication (ROW_NUMBER over a TUMBLE)", () => {
    const doc = linearPipeline([
      { type: "map", data: { fields: [{ name: "id", expression: "id" }, { name: "n", expression: "n + 0" }] } },
      { type: "deduplicate", id: "dedup", data: { key: ["id"], within: 10_000 } },
    ]);
    const compiled = compilePipelineToFlinkSql(doc, { bootstrapServers: "b:9092", groupId: "g", jobName: "j" });
    if (!compiled.ok) throw new Error(JSON.stringify(compiled.problems));
    const sql = planScript(compiled.plan);
    expect(sql).toContain("ROW_NUMBER() OVER (PARTITION BY `window_start`, `window_end`, `id` ORDER BY `__ts` ASC)");
    expect(sql).toContain("TUMBLE(TABLE `n_step1`");
  });
});
