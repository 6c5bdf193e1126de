import { describe, expect, it } from "vitest";
import { TestDriver } from "../engine/runners/test-driver";
import { makeRecord } from "./records";
import { checkStatelessOutput, expectedStatelessCount, expectedStatelessOutput } from "./stateless-check";
import { statelessPipeline } from "./workloads";

const total = 500;

/** The stateless pipeline's real output on the first `total` records, from the engine's test driver. */
function engineOutput() {
  const driver = new TestDriver(statelessPipeline("in", "out"));
  driver.pipe("in", Array.from({ length: total }, (_, i) => ({ key: makeRecord(i).key, value: JSON.parse(makeRecord(i).value) as object })));
  return driver.output.filter((m) => m.topic === "out").map((m) => ({ key: m.key, value: JSON.parse(String(m.value)) as unknown }));
}

describe("What the stateless workload must write", () => {
  it("is what the engine writes: one value per record with amount >= 50, the same fields and numbers", () => {
    const outputs = engineOutput();
    const expected = Array.from({ length: total }, (_, i) => makeRecord(i)).flatMap((r) => {
      const value = expectedStatelessOutput(r);
      return value ? [{ key: r.key, value }] : [];
    });
    expect(outputs).toEqual(expected);
    expect(expectedStatelessCount(makeRecord, total)).toBe(expected.length);
    // About half the records pass the filter (amounts are uniform in 0–100).
    expect(expected.length).toBeGreaterThan(total * 0.4);
    expect(expected.length).toBeLessThan(total * 0.6);
  });
});

describe("checkStatelessOutput", () => {
  it("finds nothing wrong in the engine's output", () => {
    expect(checkStatelessOutput(engineOutput(), makeRecord, total)).toEqual([]);
  });

  it("reports a missing record, a wrong value, an unknown key and an extra field", () => {
    const outputs = engineOutput();
    const [first, second, third, ...rest] = outputs;
    const wrong = [
      { key: second!.key, value: { ...(second!.value as object), total: 1 } },
      { key: "k9999999", value: third!.value },
      { key: first!.key, value: { ...(first!.value as object), amount: 3 } },
      ...rest.slice(1),
    ];
    const problems = checkStatelessOutput(wrong, makeRecord, total);
    expect(problems[0]).toBe(`expected ${outputs.length} output records, read ${outputs.length - 1}`);
    expect(problems.slice(1)).toEqual([
      expect.stringMatching(new RegExp(`^key ${second!.key}: wrote .*"total":1.*, expected`)),
      expect.stringMatching(/^key k9999999: wrote .*, expected null$/),
      expect.stringMatching(new RegExp(`^key ${first!.key}: wrote .*"amount":3`)),
    ]);
  });

  it("lists at most `limit` wrong values and counts the rest", () => {
    const outputs = engineOutput().map((o) => ({ key: o.key, value: "undecodable" }));
    const problems = checkStatelessOutput(outputs, makeRecord, total, 2);
    expect(problems).toHaveLength(3);
    expect(problems[2]).toBe(`… ${outputs.length - 2} more wrong values`);
  });
});
