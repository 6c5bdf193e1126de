import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { writeReport, type Machine, type Results } from "./report";

const machine: Machine = { cpu: "test", memory: "1 GiB", os: "test", node: "v20", java: "17", broker: "test", loadBefore: "0.1", loadAfter: "0.2", minutes: 1, date: "2026-12-03" };
const results = (flink: boolean): Results => ({
  measurements: [
    { workload: "stateless", system: "engine", guarantee: "exactly-once", run: 1, recordsPerSecond: 100, peakRssMb: 200 },
    ...(flink ? [{ workload: "stateless", system: "flink p=1", guarantee: "exactly-once" as const, run: 1, recordsPerSecond: 50, peakRssMb: 2000 }] : []),
  ],
  failures: [],
  options: { records: 1000, lines: 100, runs: 1, quick: false, client: "kafkajs" },
});

describe("writeReport", () => {
  it("keeps the earlier run's Flink section, marked, when this run has no Flink rows, and replaces it when it has", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-report-"));
    const file = path.join(dir, "RESULTS.md");
    writeReport(file, results(true), machine);
    const withFlink = fs.readFileSync(file, "utf8");
    expect(withFlink).toContain("## Flink beside the embedded engine");
    expect(withFlink).toContain("| stateless | flink p=1 | exactly-once | 50 |");
    expect(withFlink).not.toContain("Kept from an earlier run");

    writeReport(file, results(false), machine);
    const kept = fs.readFileSync(file, "utf8");
    expect(kept).toContain("| stateless | flink p=1 | exactly-once | 50 |");
    expect(kept).toContain("Kept from an earlier run");
    // Kept once, not once more per run.
    writeReport(file, results(false), machine);
    const again = fs.readFileSync(file, "utf8");
    expect(again.split("Kept from an earlier run").length).toBe(2);
    expect(again.split("## Flink beside the embedded engine").length).toBe(2);

    writeReport(file, results(true), machine);
    expect(fs.readFileSync(file, "utf8")).not.toContain("Kept from an earlier run");
  });
});
