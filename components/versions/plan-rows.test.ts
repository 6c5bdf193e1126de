import { describe, expect, it } from "vitest";
import type { DeployPlanView } from "@/lib/client/api/deployments";
import { asksForReplayChoice, planRows, summarizePlan } from "./plan-rows";

const plan: DeployPlanView = {
  version: 3,
  previousVersion: 2,
  generation: 0,
  reset: false,
  stateful: [
    { nodeId: "count", type: "reduce", label: "Count words", state: "kept", reason: "configuration unchanged", changedFields: [] },
    { nodeId: "sum", type: "reduce", label: "Sum", state: "reset", reason: "groupBy changed", changedFields: ["groupBy"] },
    { nodeId: "dedupe", type: "deduplicate", label: "Dedupe", state: "new", reason: "not in version 2", changedFields: [] },
  ],
  removed: [{ nodeId: "old", type: "reduce", label: "Old count" }],
  sources: [
    { nodeId: "src", topic: "lines", resumes: "committed", description: "lines where version 2 stopped (committed offsets)" },
    { nodeId: "src2", topic: "more", resumes: "earliest", description: "more from the earliest offsets (a topic new to this deployment)" },
  ],
  warnings: ["Sum starts with empty state but the sources continue from committed offsets: earlier records are not counted again."],
};

describe("planRows", () => {
  it("lists state reset first, then left behind, new and kept, then the sources", () => {
    const rows = planRows(plan);
    expect(rows.state.map((row) => `${row.outcome} ${row.nodeId}`)).toEqual(["reset sum", "removed old", "new dedupe", "kept count"]);
    expect(rows.state[1]?.reason).toBe("not in version 3: its state is left behind");
    expect(rows.sources.map((row) => `${row.outcome} ${row.detail}`)).toEqual(["resumes lines", "replays more"]);
  });

  it("summarises the state and asks for the replay choice exactly when the plan warns", () => {
    expect(summarizePlan(plan)).toBe("State: 1 kept · 1 reset · 1 new · 1 left behind");
    expect(asksForReplayChoice(plan)).toBe(true);
    const quiet: DeployPlanView = { ...plan, stateful: plan.stateful.slice(0, 1), removed: [], warnings: [] };
    expect(summarizePlan(quiet)).toBe("State: 1 kept");
    expect(asksForReplayChoice(quiet)).toBe(false);
    expect(summarizePlan({ ...quiet, stateful: [] })).toBe("No stateful nodes: nothing to keep or reset");
  });
});
