import { describe, expect, it } from "vitest";
import type { DashboardRow } from "@/lib/client/api/dashboard";
import { rowFigures } from "./dashboard-figures";
import { pipelineStarter, pipelineStarters, wordCountTopics } from "./pipeline-starters";

function row(status: string | null, sparkline: number[] = [0, 10, 20, 30, 40, 50]): DashboardRow {
  return {
    id: "p",
    name: "P",
    description: "",
    createdAt: "2026-12-02T00:00:00.000Z",
    updatedAt: "2026-12-02T00:00:00.000Z",
    version: 1,
    nodeCount: 3,
    deployment: status === null ? null : ({ status } as DashboardRow["deployment"]),
    live: { at: 0, rateIn: 99, rateIn1m: 40, rateOut: 1, errors: 2, lag: 7, sparkline },
  };
}

describe("rowFigures", () => {
  it("smooths the rate over the last five reports while the deployment runs", () => {
    const figures = rowFigures(row("running"));
    expect(figures.trend).toEqual([0, 5, 10, 15, 20, 30]);
    expect(figures).toMatchObject({ rate: 30, lag: 7, errors: 2 });
    expect(rowFigures(row("degraded")).rate).toBe(30);
  });

  it("falls back to the last report's rate without a sparkline", () => {
    expect(rowFigures(row("running", [])).rate).toBe(99);
  });

  it("shows nothing as current for a stopped, failed, starting or never deployed pipeline", () => {
    for (const status of ["stopped", "failed", "starting", "unresponsive", null]) {
      expect(rowFigures(row(status))).toEqual({ rate: null, trend: [], lag: null, errors: null });
    }
  });
});

describe("pipelineStarters", () => {
  it("offers a blank canvas and the word count, whose hint names the template's own topics", () => {
    expect(pipelineStarters.map((starter) => starter.id)).toEqual(["blank", "word-count"]);
    expect(pipelineStarter("blank").graph().nodes).toEqual([]);
    const { input, output } = wordCountTopics();
    expect(input).not.toBe("");
    expect(pipelineStarter("word-count").description).toContain(input);
    expect(pipelineStarter("word-count").description).toContain(output);
    expect(pipelineStarter("word-count").graph().nodes.length).toBeGreaterThan(0);
  });
});
