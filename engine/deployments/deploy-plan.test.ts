import { describe, expect, it } from "vitest";
import { wordCountTemplate, type PipelineDocument } from "../graph";
import { planDeploy } from "./deploy-plan";

/** The word count with one change applied to a copy. */
function variant(change: (graph: PipelineDocument) => void): PipelineDocument {
  const graph = wordCountTemplate();
  change(graph);
  return graph;
}
const node = (graph: PipelineDocument, id: string) => graph.nodes.find((n) => n.id === id)!;

const v1 = wordCountTemplate();
const running = { version: 1, document: v1, generation: 0 };

describe("planDeploy", () => {
  it("calls all state new on a first deploy, and sources start as they are configured", () => {
    const plan = planDeploy({ version: 1, document: v1, previous: null, reset: false });
    expect(plan).toMatchObject({ previousVersion: null, generation: 0, reset: false, removed: [], warnings: [] });
    expect(plan.stateful).toEqual([{ nodeId: "count", type: "reduce", label: "Count per word", state: "new", reason: "first deployment", changedFields: [] }]);
    expect(plan.sources).toEqual([{ nodeId: "lines", topic: "test", resumes: "earliest", description: "test from the earliest offsets (first deployment)" }]);
  });

  it("keeps a reduce's state when only a filter before it changed, and its label is not configuration", () => {
    const v2 = variant((g) => {
      node(g, "non-empty").data.condition = "CHAR_LENGTH(word) > 3";
      node(g, "count").data.label = "Words";
    });
    const plan = planDeploy({ version: 2, document: v2, previous: running, reset: false });
    expect(plan.stateful).toMatchObject([{ nodeId: "count", state: "kept", reason: "configuration unchanged", label: "Words" }]);
    expect(plan.sources).toMatchObject([{ resumes: "committed", description: "test where version 1 stopped (committed offsets)" }]);
    expect(plan.warnings).toEqual([]);
  });

  it("resets a reduce whose groupBy changed, naming the field, and warns that earlier records are not recounted", () => {
    const v2 = variant((g) => (node(g, "count").data.groupBy = []));
    const plan = planDeploy({ version: 2, document: v2, previous: running, reset: false });
    expect(plan.stateful).toMatchObject([{ nodeId: "count", state: "reset", reason: "groupBy changed", changedFields: ["groupBy"] }]);
    expect(plan.warnings).toEqual([expect.stringContaining("earlier records are not counted again")]);
  });

  it("calls a stateful node added since the running version new, and one removed left behind", () => {
    const v2 = variant((g) => {
      g.nodes.push({ id: "total", type: "reduce", position: { x: 0, y: 300 }, data: { groupBy: [], aggregations: [{ fn: "count", as: "n" }] } });
      g.edges.push({ id: "non-empty-total", source: "non-empty", target: "total", targetHandle: null });
    });
    const added = planDeploy({ version: 2, document: v2, previous: running, reset: false });
    expect(added.stateful.map((s) => `${s.nodeId}:${s.state}:${s.reason}`)).toEqual(["count:kept:configuration unchanged", "total:new:not in version 1"]);
    const back = planDeploy({ version: 3, document: v1, previous: { version: 2, document: v2, generation: 0 }, reset: false });
    expect(back.removed).toEqual([{ nodeId: "total", type: "reduce", label: "total" }]);
  });

  it("resets everything in the next generation on request, sources starting afresh", () => {
    const plan = planDeploy({ version: 1, document: v1, previous: { ...running, generation: 2 }, reset: true });
    expect(plan).toMatchObject({ reset: true, generation: 3, stateful: [{ state: "reset", reason: "all state reset on request" }] });
    expect(plan.sources).toMatchObject([{ resumes: "earliest", description: "test from the earliest offsets (state and offsets reset)" }]);
  });

  it("replays from a timestamp or explicit offsets, warning when kept state will count records again", () => {
    const at = Date.UTC(2026, 11, 2, 10, 32);
    const keep = planDeploy({ version: 1, document: v1, previous: running, reset: false, startAt: { from: "timestamp", timestamp: at } });
    expect(keep.sources).toMatchObject([{ resumes: "timestamp", description: "test from 2026-12-02T10:32:00.000Z" }]);
    expect(keep.warnings).toEqual([expect.stringContaining("Count per word keeps state: records read again are counted again")]);
    const clean = planDeploy({ version: 1, document: v1, previous: running, reset: true, startAt: { from: "offsets", offsets: [{ topic: "test", partition: 0, offset: "5" }] } });
    expect(clean.sources).toMatchObject([{ resumes: "offsets", description: "test from 1 explicit offset" }]);
    expect(clean.warnings).toEqual([]);
  });

  it("starts a source whose topic the running version did not read as configured", () => {
    const v2 = variant((g) => {
      node(g, "lines").data.topic = "other";
      node(g, "lines").data.startFrom = "latest";
    });
    const plan = planDeploy({ version: 2, document: v2, previous: running, reset: false });
    expect(plan.sources).toEqual([{ nodeId: "lines", topic: "other", resumes: "latest", description: "other from the latest offsets (a topic new to this deployment)" }]);
  });
});
