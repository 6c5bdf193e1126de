import { describe, expect, it } from "vitest";
import type { PipelineDocument } from "@/engine/graph";
import { markVersionDiff, showValue } from "./version-diff-marks";

const v1: PipelineDocument = {
  version: 1,
  nodes: [
    { id: "src", type: "kafka-source", position: { x: 0, y: 0 }, data: { topic: "lines", format: "json" } },
    { id: "keep", type: "filter", position: { x: 200, y: 0 }, data: { label: "Long lines", condition: "len(line) > 3" } },
    { id: "old", type: "kafka-sink", position: { x: 400, y: 0 }, data: { topic: "out" } },
  ],
  edges: [
    { id: "e1", source: "src", target: "keep", targetHandle: null },
    { id: "e2", source: "keep", target: "old", targetHandle: null },
  ],
};

const v3: PipelineDocument = {
  version: 1,
  nodes: [
    { id: "src", type: "kafka-source", position: { x: 10, y: 30 }, data: { topic: "lines", format: "json" } },
    { id: "keep", type: "filter", position: { x: 200, y: 0 }, data: { label: "Long lines", condition: "len(line) > 5" } },
    { id: "new", type: "kafka-sink", position: { x: 400, y: 100 }, data: { topic: "out2" } },
  ],
  edges: [
    { id: "e1", source: "src", target: "keep", targetHandle: null },
    { id: "e3", source: "keep", target: "new", targetHandle: null },
  ],
};

describe("markVersionDiff", () => {
  const view = markVersionDiff(v1, v3);
  const markOf = (id: string) => view.nodes.find((node) => node.id === id)?.mark;
  const edgeMark = (id: string) => view.edges.find((edge) => edge.id === id)?.mark;

  it("marks every node of both versions: added, removed where it was, changed, and a merely moved node unchanged", () => {
    expect(view.nodes).toHaveLength(4);
    expect([markOf("src"), markOf("keep"), markOf("new"), markOf("old")]).toEqual(["unchanged", "changed", "added", "removed"]);
    expect(view.nodes.find((node) => node.id === "old")?.position).toEqual({ x: 400, y: 0 });
  });

  it("marks edges added and removed, keeping the removed ones drawable", () => {
    expect([edgeMark("e1"), edgeMark("e2"), edgeMark("e3")]).toEqual(["unchanged", "removed", "added"]);
    expect(view.counts).toEqual({ added: 1, removed: 1, changed: 1, edgesAdded: 1, edgesRemoved: 1 });
    expect(view.sameGraph).toBe(false);
  });

  it("lists the changed fields with a word-level text diff of expressions", () => {
    const change = view.changes.find((row) => row.nodeId === "keep");
    expect(change).toMatchObject({ label: "Long lines", mark: "changed" });
    expect(change?.fields).toEqual([
      {
        field: "condition",
        before: "len(line) > 3",
        after: "len(line) > 5",
        segments: [
          { kind: "same", text: "len(line) > " },
          { kind: "removed", text: "3" },
          { kind: "added", text: "5" },
        ],
      },
    ]);
    expect(view.changes.map((row) => `${row.mark} ${row.nodeId}`)).toEqual(["added new", "removed old", "changed keep"]);
  });

  it("gives an edge re-pointed under the same id two drawable copies", () => {
    const moved: PipelineDocument = { ...v1, edges: [v1.edges[0]!, { ...v1.edges[1]!, source: "src" }] };
    const ids = markVersionDiff(v1, moved).edges.map((edge) => `${edge.id}:${edge.mark}`);
    expect(ids).toEqual(["e1:unchanged", "e2:added", "e2 (before):removed"]);
  });

  it("calls two versions that differ only in positions the same graph", () => {
    expect(markVersionDiff(v1, { ...v1, nodes: v1.nodes.map((node) => ({ ...node, position: { x: node.position.x + 40, y: 0 } })) }).sameGraph).toBe(true);
  });

  it("shows non-string values as JSON and absent ones as (none)", () => {
    expect([showValue(undefined), showValue(["a", 1]), showValue("x")]).toEqual(["(none)", '["a",1]', "x"]);
    const withGroup = markVersionDiff(v1, { ...v1, nodes: v1.nodes.map((node) => (node.id === "keep" ? { ...node, data: { ...node.data, extra: ["word"] } } : node)) });
    expect(withGroup.changes[0]?.fields).toEqual([{ field: "extra", before: "(none)", after: '["word"]', segments: null }]);
  });
});
