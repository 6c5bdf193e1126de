import { describe, expect, it } from "vitest";
import { pipelineDocumentSchema, wordCountTemplate, type PipelineDocument } from "@/engine/graph";
import { copyFragment, fragmentToText, nextNoteId, parseClipboardText, pasteFragment } from "./clipboard-fragment";

const card = { width: 200, height: 80 };

function document(): PipelineDocument {
  return {
    ...wordCountTemplate(),
    notes: [{ id: "note-1", position: { x: 0, y: -200 }, size: { width: 240, height: 120 }, text: "# Why", color: "blue" }],
  };
}

describe("copyFragment", () => {
  it("keeps the selected nodes and only the edges between them", () => {
    const fragment = copyFragment(document(), { nodes: new Set(["words", "non-empty", "counts"]) })!;
    expect(fragment.nodes.map((node) => node.id)).toEqual(["words", "non-empty", "counts"]);
    expect(fragment.edges.map((edge) => edge.id)).toEqual(["words-non-empty"]);
    expect(fragment.notes).toBeUndefined();
    // A fragment is a whole valid document: it pastes anywhere and imports as a file.
    expect(pipelineDocumentSchema.safeParse(fragment).success).toBe(true);
  });

  it("carries selected notes, and returns null when nothing is selected", () => {
    expect(copyFragment(document(), { nodes: new Set(), notes: new Set(["note-1"]) })!.notes).toHaveLength(1);
    expect(copyFragment(document(), { nodes: new Set() })).toBeNull();
  });

  it("copies, so editing the copy leaves the document alone", () => {
    const source = document();
    const fragment = copyFragment(source, { nodes: new Set(["words"]) })!;
    fragment.nodes[0]!.data.expression = "changed";
    expect(source.nodes.find((node) => node.id === "words")!.data.expression).not.toBe("changed");
  });
});

describe("pasteFragment", () => {
  it("gives new ids, rewires internal edges to them and keeps relative positions", () => {
    const source = document();
    const fragment = copyFragment(source, { nodes: new Set(["words", "non-empty"]) })!;
    const pasted = pasteFragment(fragment, { nodeIds: source.nodes.map((n) => n.id), edgeIds: source.edges.map((e) => e.id) }, { x: 1000, y: 1000 }, card);
    expect(pasted.nodes.map((node) => node.id)).toEqual(["flat-map-1", "filter-2"]);
    expect(pasted.edges).toEqual([{ id: "flat-map-1-filter-2", source: "flat-map-1", target: "filter-2", targetHandle: null }]);
    const [a, b] = pasted.nodes;
    const [originalA, originalB] = fragment.nodes;
    expect(b!.position.x - a!.position.x).toBe(originalB!.position.x - originalA!.position.x);
    expect(b!.position.y - a!.position.y).toBe(originalB!.position.y - originalA!.position.y);
    // The centre of the pasted nodes' box lands on the point (to the grid).
    const centreX = (a!.position.x + b!.position.x + card.width) / 2;
    expect(Math.abs(centreX - 1000)).toBeLessThanOrEqual(8);
    // Moved by whole grid steps, so nodes that sat on the grid stay on it.
    expect((a!.position.x - originalA!.position.x) % 16).toBe(0);
  });

  it("pasted twice gives two sets of distinct ids", () => {
    const source = document();
    const fragment = copyFragment(source, { nodes: new Set(["lines", "words"]) })!;
    const first = pasteFragment(fragment, { nodeIds: source.nodes.map((n) => n.id), edgeIds: source.edges.map((e) => e.id) }, { x: 0, y: 0 }, card);
    const second = pasteFragment(
      fragment,
      { nodeIds: [...source.nodes, ...first.nodes].map((n) => n.id), edgeIds: [...source.edges, ...first.edges].map((e) => e.id) },
      { x: 0, y: 0 },
      card,
    );
    const ids = [...source.nodes, ...first.nodes, ...second.nodes].map((n) => n.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(second.edges[0]!.source).toBe(second.nodes[0]!.id);
  });

  it("keeps join and route port names on the re-ided edges and drops edges whose ends are missing", () => {
    const fragment: PipelineDocument = {
      version: 1,
      nodes: [
        { id: "a", type: "kafka-source", position: { x: 0, y: 0 }, data: {} },
        { id: "j", type: "join", position: { x: 300, y: 0 }, data: {} },
      ],
      edges: [
        { id: "a-j.left", source: "a", target: "j", targetHandle: "left" },
        { id: "gone-j.right", source: "gone", target: "j", targetHandle: "right" },
      ],
    };
    const pasted = pasteFragment(fragment, { nodeIds: [], edgeIds: [] }, { x: 0, y: 0 }, card);
    expect(pasted.edges).toEqual([{ id: "kafka-source-1-join-2.left", source: "kafka-source-1", target: "join-2", targetHandle: "left" }]);
  });

  it("re-ids notes and moves them with the nodes", () => {
    const source = document();
    const fragment = copyFragment(source, { nodes: new Set(["lines"]), notes: new Set(["note-1"]) })!;
    const pasted = pasteFragment(fragment, { nodeIds: source.nodes.map((n) => n.id), edgeIds: [], noteIds: ["note-1"] }, { x: 500, y: 500 }, card);
    expect(pasted.notes[0]!.id).toBe("note-3");
    expect(pasted.notes[0]!.text).toBe("# Why");
    expect(pasted.nodes[0]!.position.y - pasted.notes[0]!.position.y).toBe(fragment.nodes[0]!.position.y - fragment.notes![0]!.position.y);
  });
});

describe("parseClipboardText", () => {
  it("reads back what was copied", () => {
    const fragment = copyFragment(document(), { nodes: new Set(["count"]) })!;
    expect(parseClipboardText(fragmentToText(fragment))).toEqual({ ok: true, fragment });
  });

  it("reads a whole pipeline document and a pipeline file", () => {
    const template = wordCountTemplate();
    expect(parseClipboardText(JSON.stringify(template))).toMatchObject({ ok: true, fragment: { nodes: template.nodes } });
    expect(parseClipboardText(JSON.stringify({ kind: "streamline-pipeline", name: "wc", graph: template }))).toMatchObject({ ok: true });
  });

  it("refuses text that is not JSON, JSON that is not a document, and a document without nodes, saying why", () => {
    expect(parseClipboardText("hello")).toMatchObject({ ok: false, error: expect.stringContaining("does not hold pipeline JSON") });
    expect(parseClipboardText("")).toMatchObject({ ok: false, error: expect.stringContaining("empty") });
    const wrongType = { version: 1, nodes: [{ id: "x", type: "nope", position: { x: 0, y: 0 }, data: {} }], edges: [] };
    expect(parseClipboardText(JSON.stringify(wrongType))).toMatchObject({ ok: false, error: expect.stringContaining("at nodes.0.type") });
    expect(parseClipboardText(JSON.stringify({ version: 1, nodes: [], edges: [] }))).toMatchObject({ ok: false, error: expect.stringContaining("no nodes") });
  });
});

describe("nextNoteId", () => {
  it("numbers past every id on the canvas", () => {
    expect(nextNoteId(["filter-3", "note-1"])).toBe("note-4");
    expect(nextNoteId([])).toBe("note-1");
  });
});
