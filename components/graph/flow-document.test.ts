import { describe, expect, it } from "vitest";
import { wordCountTemplate, type PipelineDocument } from "@/engine/graph";
import { documentToFlow, flowToDocument } from "./flow-document";

const joined: PipelineDocument = {
  version: 1,
  nodes: [
    { id: "a", type: "kafka-source", position: { x: 0, y: 0 }, data: { topic: "a", format: "json", startFrom: "earliest" } },
    { id: "b", type: "kafka-source", position: { x: 0, y: 160 }, data: { topic: "b", format: "json", startFrom: "earliest" } },
    { id: "j", type: "join", position: { x: 300, y: 80 }, data: {} },
  ],
  edges: [
    { id: "a-j", source: "a", target: "j", targetHandle: "left" },
    { id: "b-j", source: "b", target: "j", targetHandle: "right" },
  ],
};

describe("documentToFlow and flowToDocument", () => {
  it("round-trip a document unchanged", () => {
    for (const document of [wordCountTemplate(), joined]) {
      const { nodes, edges } = documentToFlow(document);
      expect(flowToDocument(nodes, edges)).toEqual({ ...document, edges: document.edges.map((edge) => ({ ...edge, targetHandle: edge.targetHandle ?? null })) });
    }
  });

  it("carries a disabled node's flag both ways and writes no flag for enabled nodes", () => {
    const document: PipelineDocument = { ...wordCountTemplate(), nodes: wordCountTemplate().nodes.map((node) => (node.id === "non-empty" ? { ...node, disabled: true } : node)) };
    const { nodes, edges } = documentToFlow(document);
    expect(nodes.filter((node) => node.disabled).map((node) => node.id)).toEqual(["non-empty"]);
    const back = flowToDocument(nodes, edges);
    expect(back.nodes.find((node) => node.id === "non-empty")!.disabled).toBe(true);
    expect(back.nodes.filter((node) => "disabled" in node).map((node) => node.id)).toEqual(["non-empty"]);
  });

  it("drops what only the view holds (selection, measured size, fractional positions) and keeps handles for validation to judge", () => {
    const { nodes, edges } = documentToFlow(joined);
    const viewed = nodes.map((node) => ({ ...node, selected: true, measured: { width: 216, height: 90 }, position: { x: node.position.x + 0.4, y: node.position.y + 0.6 } }));
    const document = flowToDocument(viewed, [...edges, { id: "x", source: "a", target: "j", targetHandle: "middle", selected: true }]);
    expect(document.nodes.map((node) => Object.keys(node).sort())).toEqual(Array(3).fill(["data", "id", "position", "type"]));
    expect(document.nodes.map((node) => node.position)).toEqual([{ x: 0, y: 1 }, { x: 0, y: 161 }, { x: 300, y: 81 }]);
    // Port names are open since named outputs and inputs (route, union): an unknown one is kept and reported by validation (edge.unknown-handle).
    expect(document.edges.at(-1)).toEqual({ id: "x", source: "a", target: "j", targetHandle: "middle" });
  });

  it("does not share position objects with the document it came from", () => {
    const document = wordCountTemplate();
    const { nodes } = documentToFlow(document);
    nodes[0]!.position.x = 9_999;
    expect(document.nodes[0]!.position.x).not.toBe(9_999);
  });
});

describe("sticky notes on the canvas", () => {
  it("round-trip through note nodes, and a document without notes stays without the key", () => {
    const document: PipelineDocument = {
      ...wordCountTemplate(),
      notes: [{ id: "note-1", position: { x: 10, y: -120 }, size: { width: 300, height: 160 }, text: "**Reads** lines", color: "green" }],
    };
    const flow = documentToFlow(document);
    expect(flow.notes[0]).toMatchObject({ id: "note-1", type: "note", width: 300, height: 160, data: { text: "**Reads** lines", color: "green" } });
    expect(flowToDocument(flow.nodes, flow.edges, flow.notes).notes).toEqual(document.notes);
    expect("notes" in flowToDocument(flow.nodes, flow.edges, [])).toBe(false);
  });

  it("gives a note without a colour the yellow one", () => {
    const flow = documentToFlow({ version: 1, nodes: [], edges: [], notes: [{ id: "n", position: { x: 0, y: 0 }, size: { width: 100, height: 100 }, text: "" }] });
    expect(flow.notes[0]!.data.color).toBe("yellow");
  });
});
