import { describe, expect, it } from "vitest";
import { describeDiff, diffDocuments } from "./diff-documents";
import type { PipelineDocument } from "./pipeline-document";
import { wordCountTemplate } from "./templates/word-count";

describe("diffDocuments", () => {
  const v1 = wordCountTemplate();

  it("finds nothing between a document and its copy with keys in another order", () => {
    const copy: PipelineDocument = JSON.parse(JSON.stringify(v1));
    const count = copy.nodes.find((n) => n.id === "count")!;
    count.data = Object.fromEntries(Object.entries(count.data).reverse());
    expect(diffDocuments(v1, copy).unchanged).toBe(true);
    expect(describeDiff(diffDocuments(v1, copy))).toEqual([]);
  });

  it("lists added, removed, changed (field by field) and moved nodes, and edges added and removed", () => {
    const v2: PipelineDocument = {
      ...v1,
      nodes: [
        ...v1.nodes
          .filter((n) => n.id !== "counts")
          .map((n) => (n.id === "non-empty" ? { ...n, data: { ...n.data, condition: "CHAR_LENGTH(word) > 3" } } : n.id === "lines" ? { ...n, position: { x: 5, y: 80 } } : n)),
        { id: "out", type: "kafka-sink", position: { x: 1120, y: 80 }, data: { topic: "out", format: "json" } },
      ],
      edges: [...v1.edges.filter((e) => e.id !== "count-counts"), { id: "count-out", source: "count", target: "out", targetHandle: null }],
    };
    const diff = diffDocuments(v1, v2);
    expect(diff.unchanged).toBe(false);
    expect(describeDiff(diff)).toEqual([
      "+ node out (kafka-sink)",
      "- node counts (kafka-sink)",
      '~ node non-empty: condition: "CHAR_LENGTH(word) > 0" → "CHAR_LENGTH(word) > 3"',
      "~ node lines: moved",
      "+ edge count-out (count → out)",
      "- edge count-counts (count → counts)",
    ]);
  });

  it("calls every node added when there is no older document", () => {
    const diff = diffDocuments(null, v1);
    expect(diff.nodes.added.map((n) => n.id)).toEqual(v1.nodes.map((n) => n.id));
    expect(diff.edges.added).toHaveLength(v1.edges.length);
  });

  it("tells note changes apart, and a note-only change leaves the nodes and edges untouched", () => {
    const note = { id: "note-1", position: { x: 0, y: 0 }, size: { width: 200, height: 100 }, text: "hello" };
    const before = { ...wordCountTemplate(), notes: [note, { ...note, id: "note-2" }] };
    const after = { ...wordCountTemplate(), notes: [{ ...note, text: "hello again" }, { ...note, id: "note-3" }] };
    const diff = diffDocuments(before, after);
    expect(diff.unchanged).toBe(false);
    expect(diff.notes).toEqual({ added: ["note-3"], removed: ["note-2"], changed: ["note-1"] });
    expect(diff.nodes.changed).toEqual([]);
    expect(describeDiff(diff)).toEqual(["+ note note-3", "- note note-2", "~ note note-1"]);
    expect(diffDocuments(wordCountTemplate(), wordCountTemplate()).notes).toEqual({ added: [], removed: [], changed: [] });
  });
});
