import { describe, expect, it } from "vitest";
import type { PipelineDocument } from "./pipeline-document";
import { wordCountTemplate } from "./templates/word-count";
import { pipelineConnection, validatePipeline, type ProblemCode } from "./validate-pipeline";
import { findOperator } from "../operators/registry";

/** A valid graph with every node type: two sources feed a join, then a reduce, then a sink. */
function everyNodeType(): PipelineDocument {
  return {
    version: 1,
    nodes: [
      { id: "orders", type: "kafka-source", position: { x: 0, y: 0 }, data: { topic: "orders", format: "json", startFrom: "earliest" } },
      { id: "payments", type: "kafka-source", position: { x: 0, y: 200 }, data: { topic: "payments", format: "json", startFrom: "latest" } },
      { id: "big", type: "filter", position: { x: 200, y: 0 }, data: { condition: "amount > 100" } },
      { id: "shape", type: "map", position: { x: 400, y: 0 }, data: { fields: [{ name: "id", expression: "order_id" }, { name: "tags", expression: "SPLIT(tags, ',')" }] } },
      { id: "tags", type: "flat-map", position: { x: 600, y: 0 }, data: { expression: "tags", as: "tag" } },
      { id: "match", type: "join", position: { x: 800, y: 100 }, data: { leftKey: "id", rightKey: "order_id", type: "inner", within: 60000 } },
      { id: "per-tag", type: "reduce", position: { x: 1000, y: 100 }, data: { groupBy: ["tag"], aggregations: [{ fn: "count", as: "n" }, { fn: "sum", field: "amount", as: "total" }], window: { type: "tumbling", size: 60000 } } },
      { id: "out", type: "kafka-sink", position: { x: 1200, y: 100 }, data: { topic: "tag-totals", format: "json", key: "tag" } },
    ],
    edges: [
      { id: "e1", source: "orders", target: "big", targetHandle: null },
      { id: "e2", source: "big", target: "shape", targetHandle: null },
      { id: "e3", source: "shape", target: "tags" },
      { id: "e4", source: "tags", target: "match", targetHandle: "left" },
      { id: "e5", source: "payments", target: "match", targetHandle: "right" },
      { id: "e6", source: "match", target: "per-tag", targetHandle: null },
      { id: "e7", source: "per-tag", target: "out", targetHandle: null },
    ],
  };
}

type Change = (doc: PipelineDocument) => unknown;

const node = (doc: PipelineDocument, id: string) => doc.nodes.find((n) => n.id === id)!;

type InvalidCase = {
  name: string;
  change: Change;
  expect: { code: ProblemCode; nodeId?: string; edgeId?: string; field?: string; structural?: boolean };
};

const invalidCases: InvalidCase[] = [
  // Document shape
  { name: "a document that is not an object", change: () => "nope", expect: { code: "document.invalid", structural: true } },
  { name: "an array instead of a document", change: () => [], expect: { code: "document.invalid", structural: true } },
  { name: "an unknown document version", change: (d) => ({ ...d, version: 2 }), expect: { code: "document.invalid", field: "version", structural: true } },
  { name: "nodes that are not an array", change: (d) => ({ ...d, nodes: {} }), expect: { code: "document.invalid", field: "nodes", structural: true } },
  { name: "edges that are missing", change: (d) => ({ version: 1, nodes: d.nodes }), expect: { code: "document.invalid", field: "edges", structural: true } },
  { name: "more nodes than the limit", change: (d) => ({ ...d, nodes: Array.from({ length: 501 }, (_, i) => ({ ...d.nodes[0]!, id: `n${i}` })) }), expect: { code: "document.invalid", structural: true } },
  // Node and edge shape
  { name: "a node of an unknown type", change: (d) => { (node(d, "big") as { type: string }).type = "sql"; }, expect: { code: "node.invalid", nodeId: "big", field: "type", structural: true } },
  { name: "a node without a position", change: (d) => { delete (node(d, "big") as { position?: unknown }).position; }, expect: { code: "node.invalid", nodeId: "big", field: "position", structural: true } },
  { name: "a node id with spaces", change: (d) => { node(d, "big").id = "big filter"; }, expect: { code: "node.invalid", nodeId: "big filter", field: "id", structural: true } },
  { name: "an edge with a malformed handle", change: (d) => { (d.edges[3] as { targetHandle: string }).targetHandle = "mid dle"; }, expect: { code: "edge.invalid", edgeId: "e4", field: "targetHandle", structural: true } },
  { name: "an edge into a port the node does not have", change: (d) => { (d.edges[3] as { targetHandle: string }).targetHandle = "middle"; }, expect: { code: "edge.unknown-handle", edgeId: "e4", nodeId: "match" } },
  { name: "an output handle on a single-output node", change: (d) => { d.edges[0]!.sourceHandle = "high"; }, expect: { code: "edge.handle-not-allowed", edgeId: "e1", nodeId: "orders" } },
  // Ids and references
  { name: "two nodes with the same id", change: (d) => { node(d, "shape").id = "big"; }, expect: { code: "node.duplicate-id", nodeId: "big", structural: true } },
  { name: "two edges with the same id", change: (d) => { d.edges[1]!.id = "e1"; }, expect: { code: "edge.duplicate-id", edgeId: "e1", structural: true } },
  { name: "an edge from an unknown node", change: (d) => { d.edges[0]!.source = "ghost"; }, expect: { code: "edge.unknown-source", edgeId: "e1", structural: true } },
  { name: "an edge to an unknown node", change: (d) => { d.edges[6]!.target = "ghost"; }, expect: { code: "edge.unknown-target", edgeId: "e7", structural: true } },
  // Connections
  { name: "the same connection twice", change: (d) => { d.edges.push({ id: "dup", source: "orders", target: "big", targetHandle: null }); }, expect: { code: "edge.duplicate", edgeId: "dup" } },
  { name: "an input into a source", change: (d) => { d.edges.push({ id: "in", source: "big", target: "payments", targetHandle: null }); }, expect: { code: "edge.into-source", edgeId: "in", nodeId: "payments" } },
  { name: "an output from a sink", change: (d) => { d.edges.push({ id: "outx", source: "out", target: "big", targetHandle: null }); }, expect: { code: "edge.from-sink", edgeId: "outx", nodeId: "out" } },
  { name: "a join input without a side", change: (d) => { d.edges[4]!.targetHandle = null; }, expect: { code: "edge.handle-required", edgeId: "e5", nodeId: "match" } },
  { name: "a side handle on a single-input node", change: (d) => { d.edges[1]!.targetHandle = "left"; }, expect: { code: "edge.handle-not-allowed", edgeId: "e2", nodeId: "shape" } },
  { name: "a node with no input", change: (d) => { d.edges = d.edges.filter((e) => e.id !== "e2"); }, expect: { code: "node.missing-input", nodeId: "shape" } },
  { name: "a node with two inputs", change: (d) => { d.edges.push({ id: "e8", source: "payments", target: "big", targetHandle: null }); }, expect: { code: "node.too-many-inputs", nodeId: "big" } },
  { name: "a join without its right input", change: (d) => { d.edges = d.edges.filter((e) => e.id !== "e5"); }, expect: { code: "join.missing-input", nodeId: "match" } },
  { name: "a join with two left inputs", change: (d) => { d.edges[4]!.targetHandle = "left"; }, expect: { code: "join.duplicate-input", nodeId: "match" } },
  { name: "a cycle", change: (d) => { d.edges.push({ id: "back", source: "tags", target: "big", targetHandle: null }); }, expect: { code: "graph.cycle" } },
  { name: "no source", change: (d) => { d.nodes = d.nodes.filter((n) => n.type !== "kafka-source"); d.edges = d.edges.filter((e) => !["e1", "e5"].includes(e.id)); }, expect: { code: "graph.no-source" } },
  { name: "no sink", change: (d) => { d.nodes = d.nodes.filter((n) => n.id !== "out"); d.edges = d.edges.filter((e) => e.id !== "e7"); }, expect: { code: "graph.no-sink" } },
  // Configuration of each node type
  { name: "a source without a topic", change: (d) => { node(d, "orders").data.topic = ""; }, expect: { code: "node.config", nodeId: "orders", field: "topic" } },
  { name: "a source topic with illegal characters", change: (d) => { node(d, "orders").data.topic = "orders/eu"; }, expect: { code: "node.config", nodeId: "orders", field: "topic" } },
  { name: "a source with an unknown format", change: (d) => { node(d, "orders").data.format = "xml"; }, expect: { code: "node.config", nodeId: "orders", field: "format" } },
  { name: "a source with an unknown start", change: (d) => { node(d, "orders").data.startFrom = "middle"; }, expect: { code: "node.config", nodeId: "orders", field: "startFrom" } },
  { name: "a filter with a blank condition", change: (d) => { node(d, "big").data.condition = "   "; }, expect: { code: "node.config", nodeId: "big", field: "condition" } },
  { name: "a map without fields", change: (d) => { node(d, "shape").data.fields = []; }, expect: { code: "node.config", nodeId: "shape", field: "fields" } },
  { name: "a map field with an invalid name", change: (d) => { node(d, "shape").data.fields = [{ name: "1st", expression: "a" }]; }, expect: { code: "node.config", nodeId: "shape", field: "fields.0.name" } },
  { name: "a map field without an expression", change: (d) => { node(d, "shape").data.fields = [{ name: "a", expression: "" }]; }, expect: { code: "node.config", nodeId: "shape", field: "fields.0.expression" } },
  { name: "a map with a duplicate output field", change: (d) => { node(d, "shape").data.fields = [{ name: "a", expression: "x" }, { name: "a", expression: "y" }]; }, expect: { code: "node.config", nodeId: "shape", field: "fields.1.name" } },
  { name: "a flat-map without an expression", change: (d) => { node(d, "tags").data.expression = ""; }, expect: { code: "node.config", nodeId: "tags", field: "expression" } },
  { name: "a flat-map without a target field", change: (d) => { delete node(d, "tags").data.as; }, expect: { code: "node.config", nodeId: "tags", field: "as" } },
  { name: "a reduce without aggregations", change: (d) => { node(d, "per-tag").data.aggregations = []; }, expect: { code: "node.config", nodeId: "per-tag", field: "aggregations" } },
  { name: "a reduce with an unknown function", change: (d) => { node(d, "per-tag").data.aggregations = [{ fn: "median", field: "amount", as: "m" }]; }, expect: { code: "node.config", nodeId: "per-tag", field: "aggregations.0.fn" } },
  { name: "a sum without a field", change: (d) => { node(d, "per-tag").data.aggregations = [{ fn: "sum", as: "s" }]; }, expect: { code: "node.config", nodeId: "per-tag", field: "aggregations.0.field" } },
  { name: "an aggregate named like a group field", change: (d) => { node(d, "per-tag").data.aggregations = [{ fn: "count", as: "tag" }]; }, expect: { code: "node.config", nodeId: "per-tag", field: "aggregations.0.as" } },
  { name: "a window of zero size", change: (d) => { node(d, "per-tag").data.window = { type: "tumbling", size: 0 }; }, expect: { code: "node.config", nodeId: "per-tag", field: "window.size" } },
  { name: "a hopping window sliding further than its size", change: (d) => { node(d, "per-tag").data.window = { type: "hopping", size: 1000, slide: 5000 }; }, expect: { code: "node.config", nodeId: "per-tag", field: "window.slide" } },
  { name: "a session window without a gap", change: (d) => { node(d, "per-tag").data.window = { type: "session" }; }, expect: { code: "node.config", nodeId: "per-tag", field: "window.gap" } },
  { name: "an unknown window type", change: (d) => { node(d, "per-tag").data.window = { type: "sliding", size: 10 }; }, expect: { code: "node.config", nodeId: "per-tag", field: "window.type" } },
  { name: "a join without a left key", change: (d) => { node(d, "match").data.leftKey = ""; }, expect: { code: "node.config", nodeId: "match", field: "leftKey" } },
  { name: "a join of an unknown type", change: (d) => { node(d, "match").data.type = "outer"; }, expect: { code: "node.config", nodeId: "match", field: "type" } },
  { name: "a join with a negative bound", change: (d) => { node(d, "match").data.within = -5; }, expect: { code: "node.config", nodeId: "match", field: "within" } },
  { name: "a join with a fractional bound", change: (d) => { node(d, "match").data.within = 1.5; }, expect: { code: "node.config", nodeId: "match", field: "within" } },
  { name: "a sink without a topic", change: (d) => { delete node(d, "out").data.topic; }, expect: { code: "node.config", nodeId: "out", field: "topic" } },
  { name: "a sink with a text format", change: (d) => { node(d, "out").data.format = "text"; }, expect: { code: "node.config", nodeId: "out", field: "format" } },
  { name: "a sink key that is not a field reference", change: (d) => { node(d, "out").data.key = "a b"; }, expect: { code: "node.config", nodeId: "out", field: "key" } },
];

describe("validatePipeline", () => {
  it("accepts a graph that uses every node type", () => {
    const result = validatePipeline(everyNodeType());
    expect(result.problems).toEqual([]);
    expect(result.ok).toBe(true);
  });

  it("refuses a sink that writes the topic one of the pipeline's own sources reads, on the sink's topic field", () => {
    const graph = wordCountTemplate();
    const source = graph.nodes.find((node) => findOperator(node.type)?.category === "source")!;
    const sink = graph.nodes.find((node) => findOperator(node.type)?.category === "sink")!;
    sink.data.topic = source.data.topic;
    const result = validatePipeline(graph);
    expect(result.problems).toEqual([expect.objectContaining({ code: "graph.sink-into-source", nodeId: sink.id, field: "topic", structural: false })]);
    expect(result.problems[0]!.message).toContain("feedback loop");
    // The same topic name on another cluster is another topic; mixing clusters is its own problem.
    sink.data.connection = "cluster-b";
    expect(validatePipeline(graph).problems.map((problem) => problem.code)).toEqual(["graph.mixed-clusters"]);
  });

  it("requires every source and sink to use the same Kafka connection, and names it", () => {
    const graph = wordCountTemplate();
    for (const node of graph.nodes) if (node.type === "kafka-source" || node.type === "kafka-sink") node.data.connection = "cluster-a";
    const same = validatePipeline(graph);
    expect(same.ok).toBe(true);
    expect(pipelineConnection(same.document!)).toBe("cluster-a");
    const sink = graph.nodes.find((node) => node.type === "kafka-sink")!;
    sink.data.connection = "cluster-b";
    const mixed = validatePipeline(graph);
    expect(mixed.problems).toEqual([expect.objectContaining({ code: "graph.mixed-clusters", nodeId: sink.id, field: "connection", structural: false })]);
    delete sink.data.connection;
    expect(validatePipeline(graph).problems.map((problem) => problem.code)).toEqual(["graph.mixed-clusters"]);
    expect(pipelineConnection(validatePipeline(wordCountTemplate()).document!)).toBeUndefined();
  });

  it("accepts the word count template", () => {
    expect(validatePipeline(wordCountTemplate()).ok).toBe(true);
  });

  it("accepts a graph whose edges omit targetHandle", () => {
    const doc = wordCountTemplate();
    for (const edge of doc.edges) delete edge.targetHandle;
    expect(validatePipeline(doc).ok).toBe(true);
  });

  it.each(invalidCases)("rejects $name", ({ change, expect: wanted }) => {
    const doc = everyNodeType();
    const changed = change(doc) ?? doc;
    const result = validatePipeline(changed);
    expect(result.ok).toBe(false);
    const match = result.problems.find((problem) => problem.code === wanted.code);
    expect(match, `expected ${wanted.code} among ${JSON.stringify(result.problems, null, 2)}`).toBeDefined();
    if (wanted.nodeId) expect(match!.nodeId).toBe(wanted.nodeId);
    if (wanted.edgeId) expect(match!.edgeId).toBe(wanted.edgeId);
    if (wanted.field) expect(match!.field).toBe(wanted.field);
    expect(match!.structural).toBe(wanted.structural ?? false);
    expect(match!.message.length).toBeGreaterThan(10);
    // A structurally sound document is still returned so a draft can be kept.
    expect(result.document === null).toBe(wanted.structural ?? false);
  });

  it("reports every problem of a broken graph, each naming its place", () => {
    const doc = everyNodeType();
    node(doc, "big").data.condition = "";
    node(doc, "out").data.topic = "";
    doc.edges = doc.edges.filter((edge) => edge.id !== "e3");
    const result = validatePipeline(doc);
    expect(result.problems.map((p) => [p.code, p.nodeId, p.field])).toEqual([
      ["node.config", "big", "condition"],
      ["node.config", "out", "topic"],
      ["node.missing-input", "tags", undefined],
    ]);
  });

  it("names the nodes along a cycle", () => {
    const doc = everyNodeType();
    doc.edges.push({ id: "back", source: "tags", target: "big", targetHandle: null });
    const cycle = validatePipeline(doc).problems.find((p) => p.code === "graph.cycle");
    expect(cycle?.message).toContain("big → shape → tags → big");
  });

  it("uses a node's title in messages when it has one", () => {
    const doc = everyNodeType();
    node(doc, "big").data = { label: "Large orders", condition: "" };
    expect(validatePipeline(doc).problems[0]!.message).toMatch(/^'Large orders' \(big\): Expression is required/);
  });

  it("handles a chain of thousands of nodes without overflowing", () => {
    const nodes = Array.from({ length: 500 }, (_, i) => ({
      id: `n${i}`,
      type: i === 0 ? "kafka-source" : i === 499 ? "kafka-sink" : "filter",
      position: { x: i, y: 0 },
      data: i === 0 ? { topic: "t", format: "json", startFrom: "latest" } : i === 499 ? { topic: "o", format: "json" } : { condition: "TRUE" },
    }));
    const edges = nodes.slice(1).map((n, i) => ({ id: `e${i}`, source: `n${i}`, target: n.id, targetHandle: null }));
    expect(validatePipeline({ version: 1, nodes, edges }).ok).toBe(true);
  });

  describe("expressions", () => {
    const codeOf = (doc: PipelineDocument) => validatePipeline(doc).problems.filter((p) => p.code === "node.expression");

    it("reports a syntax error with its code and position in the expression", () => {
      const doc = everyNodeType();
      node(doc, "big").data.condition = "amount > ";
      const [found] = codeOf(doc);
      expect(found).toMatchObject({ nodeId: "big", field: "condition", expression: { code: expect.stringMatching(/^S/) } });
      expect(found!.expression!.start).toBeGreaterThanOrEqual(7);
    });

    it("knows the fields a map outputs and rejects references to others downstream", () => {
      const doc = everyNodeType();
      node(doc, "tags").data.expression = "SPLIT(customer, ',')";
      const [found] = codeOf(doc);
      expect(found).toMatchObject({ nodeId: "tags", field: "expression", expression: { code: "T1001" } });
      expect(found!.message).toContain("customer");
    });

    it("requires a filter condition to be boolean and a flat-map expression to be an array", () => {
      const doc = everyNodeType();
      node(doc, "big").data.condition = "amount + 1";
      node(doc, "shape").data.fields = [{ name: "id", expression: "order_id" }, { name: "tags", expression: "'one'" }];
      expect(codeOf(doc).map((p) => [p.nodeId, p.field])).toEqual([
        ["big", "condition"],
        ["tags", "expression"],
      ]);
    });

    it("checks each expression of a node even while another of its fields is invalid (issue 15, defect 6)", () => {
      const doc = everyNodeType();
      node(doc, "shape").data.fields = [{ name: "id", expression: "UPPER(nosuchfield)" }, { name: "", expression: "" }];
      const problems = validatePipeline(doc).problems;
      expect(problems.filter((p) => p.code === "node.config" && p.nodeId === "shape").length).toBeGreaterThan(0);
      expect(codeOf(doc)).toEqual([]);
      // The orders source is JSON (its fields are unknown), so give the map a typed input: a text source.
      const text = wordCountTemplate();
      text.nodes[1] = { id: "words", type: "map", position: { x: 200, y: 0 }, data: { fields: [{ name: "up", expression: "UPPER(nosuchfield)" }, { name: "", expression: "" }] } };
      const found = codeOf(text);
      expect(found).toEqual([expect.objectContaining({ nodeId: "words", field: "fields.0.expression", expression: expect.objectContaining({ code: "T1001" }) })]);
      expect(validatePipeline(text).problems.some((p) => p.code === "node.config" && p.field === "fields.1.name")).toBe(true);
    });

    it("checks a filter condition whose node has another invalid field, and nodes downstream of an invalid one", () => {
      const doc = wordCountTemplate();
      doc.nodes[1]!.data = { expression: "SPLIT(LOWER(line), ' ')" };
      // Without "as", the flat-map is invalid; its expression is still checked against the text source.
      expect(codeOf(doc)).toEqual([expect.objectContaining({ nodeId: doc.nodes[1]!.id, field: "expression" })]);
    });

    it("types the text field of a text source", () => {
      const doc = wordCountTemplate();
      doc.nodes[1]!.data.expression = "SPLIT(LOWER(line), ' ')";
      expect(codeOf(doc)).toEqual([expect.objectContaining({ nodeId: "words", expression: expect.objectContaining({ code: "T1001" }) })]);
    });
  });
  describe("the parsed pipeline", () => {
    it("returns each node's data as its schema parsed it, and the document as given for storing", () => {
      const doc = everyNodeType();
      node(doc, "orders").data.topic = "  orders ";
      node(doc, "out").data.connection = "";
      const result = validatePipeline(doc);
      if (!result.ok) throw new Error(JSON.stringify(result.problems));
      const source = result.document.nodes.find((n) => n.id === "orders")!;
      const sink = result.document.nodes.find((n) => n.id === "out")!;
      expect(source.data).toMatchObject({ topic: "orders" });
      expect("connection" in sink.data && sink.data.connection).toBeFalsy();
      expect(result.input.nodes.find((n) => n.id === "orders")!.data.topic).toBe("  orders ");
    });

    it("accepts documents written before edges had output handles", () => {
      const doc = everyNodeType();
      for (const edge of doc.edges) delete edge.sourceHandle;
      expect(validatePipeline(doc).ok).toBe(true);
      expect(validatePipeline(JSON.parse(JSON.stringify(wordCountTemplate()))).ok).toBe(true);
    });
  });
});
