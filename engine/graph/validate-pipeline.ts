import type { z } from "zod";
import { checkPipelineExpressions } from "./check-expressions";
import { findCycle } from "./find-cycle";
import { disableRule, disabledEffect, type ValidNode } from "./disabled-nodes";
import { kafkaEndpoints } from "./endpoints";
import { findOperator, operatorOf } from "../operators/registry";
import {
  documentLimits,
  pipelineDocumentSchema,
  pipelineEdgeSchema,
  pipelineNodeSchema,
  type PipelineDocument,
  type PipelineEdge,
  type PipelineNode,
  type PipelineNote,
} from "./pipeline-document";

/**
 * One thing wrong with a pipeline document. `nodeId` / `edgeId` say where it
 * belongs; `field` is the path inside the node's `data` (for example
 * `fields.0.expression`). Structural problems make the document unreadable;
 * the others make it undeployable but it can still be kept as a draft.
 */
export type PipelineProblem = {
  code: ProblemCode;
  message: string;
  nodeId?: string;
  edgeId?: string;
  field?: string;
  structural: boolean;
  /** For an expression problem: the expression language's error code and the span in the expression text. */
  expression?: { code: string; start: number; end: number };
};

export type ProblemCode =
  | "document.invalid"
  | "node.invalid"
  | "node.cannot-disable"
  | "node.duplicate-id"
  | "edge.invalid"
  | "edge.duplicate-id"
  | "edge.unknown-source"
  | "edge.unknown-target"
  | "edge.duplicate"
  | "edge.into-source"
  | "edge.from-sink"
  | "edge.handle-required"
  | "edge.handle-not-allowed"
  | "edge.unknown-handle"
  | "node.missing-input"
  | "node.too-many-inputs"
  | "join.missing-input"
  | "join.duplicate-input"
  | "graph.cycle"
  | "graph.no-source"
  | "graph.no-sink"
  | "graph.mixed-clusters"
  | "graph.sink-into-source"
  | "node.config"
  | "node.expression";

/**
 * A valid pipeline: every enabled node's `data` parsed by its type's schema (so
 * narrowed to that type's data by `node.type`, with the schema's
 * normalisation applied: trimmed strings, "" for "none" dropped). A disabled
 * node (`disabled: true`) keeps its data unvalidated and carries its `effect`.
 */
export type ValidPipeline = { version: 1; nodes: ValidNode[]; edges: PipelineEdge[] };

export type ValidationResult =
  /** `document` is the parsed pipeline; `input` the document as given (what is stored), after the shape check. */
  | { ok: true; document: ValidPipeline; input: PipelineDocument; problems: [] }
  /** `document` is present when the problems are not structural, so a draft can still be stored. */
  | { ok: false; document: PipelineDocument | null; problems: PipelineProblem[] };

/**
 * Validates a pipeline document: its shape, each node's configuration against
 * its type, and the graph rules (unique ids, edges between existing nodes, no
 * cycles, the right number of inputs per node, at least one source and sink).
 * The editor, the API and the engine all call this one function.
 */
export function validatePipeline(input: unknown): ValidationResult {
  const problems: PipelineProblem[] = [];
  const shape = readShape(input, problems);
  if (!shape) return { ok: false, document: null, problems };

  const nodes = parseEach(shape.nodes, pipelineNodeSchema, "node", problems);
  const edges = parseEach(shape.edges, pipelineEdgeSchema, "edge", problems);
  const nodesById = indexUnique(nodes, "node", problems);
  indexUnique(edges, "edge", problems);
  for (const edge of edges) {
    if (!nodesById.has(edge.source)) {
      problems.push(structural("edge.unknown-source", `Edge ${edge.id} starts at unknown node '${edge.source}'`, { edgeId: edge.id }));
    }
    if (!nodesById.has(edge.target)) {
      problems.push(structural("edge.unknown-target", `Edge ${edge.id} ends at unknown node '${edge.target}'`, { edgeId: edge.id }));
    }
  }
  if (problems.length > 0) return { ok: false, document: null, problems };

  // Notes are carried as they are: the engine never sees them (ValidPipeline has none).
  const document: PipelineDocument = { version: 1, nodes, edges, ...(shape.notes ? { notes: shape.notes } : {}) };
  const configured = checkConfiguration(nodes, problems);
  checkConnections(nodesById, edges, configured, problems);
  const acyclic = checkCycles(nodes, edges, problems);
  checkEnds(nodes, problems);
  checkClusters(nodes, problems);
  checkFeedback(nodes, problems);
  if (acyclic) checkExpressions(document, problems);

  if (problems.length > 0) return { ok: false, document, problems };
  return { ok: true, document: { version: 1, nodes: nodes.map((node) => configured.get(node.id)!), edges }, input: document, problems: [] };
}

/** The parsed pipeline of a document that must be valid (tests, runners given a validated document); throws listing the problems otherwise. */
export function requireValidPipeline(input: unknown): ValidPipeline {
  const result = validatePipeline(input);
  if (!result.ok) throw new Error(`The pipeline is invalid: ${result.problems.map((p) => p.message).join("; ")}`);
  return result.document;
}

function readShape(input: unknown, problems: PipelineProblem[]): { nodes: unknown[]; edges: unknown[]; notes?: PipelineNote[] } | null {
  if (typeof input !== "object" || input === null || Array.isArray(input)) {
    problems.push(structural("document.invalid", "The pipeline document must be a JSON object with version, nodes and edges"));
    return null;
  }
  const record = input as Record<string, unknown>;
  const top = pipelineDocumentSchema.pick({ version: true }).safeParse(record);
  if (!top.success) problems.push(structural("document.invalid", "Document version must be 1", { field: "version" }));
  for (const key of ["nodes", "edges"] as const) {
    if (!Array.isArray(record[key])) problems.push(structural("document.invalid", `'${key}' must be an array`, { field: key }));
  }
  if (problems.length > 0) return null;
  const nodes = record.nodes as unknown[];
  const edges = record.edges as unknown[];
  if (nodes.length > documentLimits.nodes) {
    problems.push(structural("document.invalid", `A pipeline has at most ${documentLimits.nodes} nodes`, { field: "nodes" }));
  }
  if (edges.length > documentLimits.edges) {
    problems.push(structural("document.invalid", `A pipeline has at most ${documentLimits.edges} edges`, { field: "edges" }));
  }
  // Sticky notes are not operators: only their shape is checked, and nothing else about them.
  let notes: PipelineNote[] | undefined;
  if (record.notes !== undefined) {
    const parsed = pipelineDocumentSchema.shape.notes.safeParse(record.notes);
    if (parsed.success) notes = parsed.data;
    for (const issue of parsed.error?.issues ?? []) {
      const field = ["notes", ...issue.path].join(".");
      problems.push(structural("document.invalid", `${field}: ${issue.message}`, { field }));
    }
  }
  if (problems.length > 0) return null;
  return { nodes, edges, notes };
}

function parseEach<T extends { id: string }>(
  items: unknown[],
  schema: z.ZodType<T>,
  kind: "node" | "edge",
  problems: PipelineProblem[],
): T[] {
  const parsed: T[] = [];
  items.forEach((item, index) => {
    const result = schema.safeParse(item);
    if (result.success) {
      parsed.push(result.data);
      return;
    }
    const id = typeof (item as { id?: unknown } | null)?.id === "string" ? ((item as { id: string }).id) : undefined;
    for (const issue of result.error.issues) {
      const where = id ? `${kind === "node" ? "Node" : "Edge"} ${id}` : `${kind === "node" ? "Node" : "Edge"} #${index + 1}`;
      problems.push(
        structural(kind === "node" ? "node.invalid" : "edge.invalid", `${where}: ${issue.message}`, {
          [kind === "node" ? "nodeId" : "edgeId"]: id,
          field: issue.path.length ? issue.path.join(".") : undefined,
        }),
      );
    }
  });
  return parsed;
}

function indexUnique<T extends { id: string }>(items: T[], kind: "node" | "edge", problems: PipelineProblem[]): Map<string, T> {
  const byId = new Map<string, T>();
  for (const item of items) {
    if (byId.has(item.id)) {
      problems.push(
        structural(kind === "node" ? "node.duplicate-id" : "edge.duplicate-id", `Two ${kind}s have the id '${item.id}'`, {
          [kind === "node" ? "nodeId" : "edgeId"]: item.id,
        }),
      );
    } else {
      byId.set(item.id, item);
    }
  }
  return byId;
}

/**
 * Checks each node's data against its type; returns the nodes whose data is valid, with their
 * parsed data, and the disabled nodes, whose data is not checked (so a broken node can be
 * disabled to deploy the rest). A node marked disabled whose type cannot be is reported and
 * checked as an enabled one.
 */
function checkConfiguration(nodes: PipelineNode[], problems: PipelineProblem[]): Map<string, ValidNode> {
  const configured = new Map<string, ValidNode>();
  for (const node of nodes) {
    if (node.disabled === true) {
      const rule = disableRule(node.type);
      if (rule.allowed) {
        configured.set(node.id, { id: node.id, type: node.type, position: node.position, data: node.data, disabled: true, effect: rule.effect });
        continue;
      }
      problems.push(problem("node.cannot-disable", `${nodeName(node)}: ${rule.reason}`, { nodeId: node.id, field: "disabled" }));
    }
    const result = operatorOf(node.type).schema.safeParse(node.data);
    if (result.success) {
      const { disabled: _disabled, ...enabled } = node;
      configured.set(node.id, { ...enabled, data: result.data } as ValidNode);
      continue;
    }
    for (const issue of result.error.issues) {
      problems.push(
        problem("node.config", `${nodeName(node)}: ${issue.message}`, {
          nodeId: node.id,
          field: issue.path.length ? issue.path.join(".") : undefined,
        }),
      );
    }
  }
  return configured;
}

/**
 * Parses and type-checks every expression against the fields its node receives. A
 * node whose configuration is invalid still has each of its expressions checked on
 * its own (an empty Map row must not hide `UPPER(nosuchfield)` in the next one); its
 * output, and so the input of the nodes downstream, counts as unknown.
 */
function checkExpressions(document: PipelineDocument, problems: PipelineProblem[]) {
  const byId = new Map(document.nodes.map((node) => [node.id, node]));
  for (const found of checkPipelineExpressions(document).problems) {
    const where = { nodeId: found.nodeId, field: found.field };
    const message = `${nodeName(byId.get(found.nodeId)!)}: ${found.message}`;
    problems.push(found.kind === "config" ? problem("node.config", message, where) : problem("node.expression", message, where, { code: found.code, start: found.start, end: found.end }));
  }
}

function checkConnections(nodesById: Map<string, PipelineNode>, edges: PipelineEdge[], configured: Map<string, ValidNode>, problems: PipelineProblem[]) {
  const incoming = new Map<string, PipelineEdge[]>();
  const seenPairs = new Set<string>();
  for (const edge of edges) {
    const source = nodesById.get(edge.source)!;
    const target = nodesById.get(edge.target)!;
    const handle = edge.targetHandle ?? null;
    const output = edge.sourceHandle ?? null;
    const pair = `${edge.source}:${output}→${edge.target}:${handle}`;
    if (seenPairs.has(pair)) {
      problems.push(problem("edge.duplicate", `${nodeName(source)} is connected to ${nodeName(target)} twice`, { edgeId: edge.id }));
      continue;
    }
    seenPairs.add(pair);
    const outputs = operatorOf(source.type).outputs;
    if (outputs.kind === "none") {
      problems.push(problem("edge.from-sink", `${nodeName(source)} is a sink and cannot have outgoing connections`, { edgeId: edge.id, nodeId: source.id }));
    } else if (outputs.kind === "single" && output !== null) {
      problems.push(problem("edge.handle-not-allowed", `${nodeName(source)} has a single output, not a '${output}' output`, { edgeId: edge.id, nodeId: source.id }));
    } else if (outputs.kind === "named") {
      const names = outputs.ports(source.data).map((port) => port.handle);
      if (output === null) {
        problems.push(problem("edge.handle-required", `Connect from one of the outputs of ${nodeName(source)} (${names.join(", ")})`, { edgeId: edge.id, nodeId: source.id }));
      } else if (configured.has(source.id) && !names.includes(output)) {
        problems.push(problem("edge.unknown-handle", `${nodeName(source)} has no output '${output}' (its outputs: ${names.join(", ")})`, { edgeId: edge.id, nodeId: source.id }));
      }
    }
    const inputs = operatorOf(target.type).inputs;
    if (inputs.kind === "none") {
      problems.push(problem("edge.into-source", `${nodeName(target)} is a source and cannot have incoming connections`, { edgeId: edge.id, nodeId: target.id }));
      continue;
    }
    if (inputs.kind === "named") {
      if (handle === null) {
        problems.push(problem("edge.handle-required", `Connect to the ${inputs.ports.map((port) => port.label).join(" or ")} input of ${nodeName(target)}`, { edgeId: edge.id, nodeId: target.id }));
        continue;
      }
      if (!inputs.ports.some((port) => port.handle === handle)) {
        problems.push(problem("edge.unknown-handle", `${nodeName(target)} has no '${handle}' input (its inputs: ${inputs.ports.map((port) => port.handle).join(", ")})`, { edgeId: edge.id, nodeId: target.id }));
        continue;
      }
    } else if (handle !== null) {
      problems.push(problem("edge.handle-not-allowed", `${nodeName(target)} has a single input, not a '${handle}' input`, { edgeId: edge.id, nodeId: target.id }));
      continue;
    }
    incoming.set(target.id, [...(incoming.get(target.id) ?? []), edge]);
  }

  for (const node of nodesById.values()) {
    const inputs = incoming.get(node.id) ?? [];
    const ports = operatorOf(node.type).inputs;
    if (ports.kind === "none") continue;
    if (ports.kind === "named") {
      // The codes keep the name they had when the join was the only node with named inputs.
      for (const port of ports.ports) {
        const count = inputs.filter((edge) => edge.targetHandle === port.handle).length;
        if (count === 0) problems.push(problem("join.missing-input", `${nodeName(node)} needs a ${port.label} input`, { nodeId: node.id }));
        if (count > 1) problems.push(problem("join.duplicate-input", `${nodeName(node)} has ${count} ${port.label} inputs; connect exactly one`, { nodeId: node.id }));
      }
      continue;
    }
    if (ports.kind === "many") {
      if (inputs.length < ports.min) problems.push(problem("node.missing-input", `${nodeName(node)} has ${inputs.length === 0 ? "no input" : `${inputs.length} input${inputs.length === 1 ? "" : "s"}`}; connect at least ${ports.min}`, { nodeId: node.id }));
      continue;
    }
    if (inputs.length === 0) problems.push(problem("node.missing-input", `${nodeName(node)} has no input; connect one`, { nodeId: node.id }));
    if (inputs.length > 1) problems.push(problem("node.too-many-inputs", `${nodeName(node)} has ${inputs.length} inputs; it takes exactly one`, { nodeId: node.id }));
  }
}

function checkCycles(nodes: PipelineNode[], edges: PipelineEdge[], problems: PipelineProblem[]): boolean {
  const cycle = findCycle(
    nodes.map((node) => node.id),
    edges,
  );
  if (!cycle) return true;
  problems.push(problem("graph.cycle", `Pipelines cannot loop: ${[...cycle, cycle[0]].join(" → ")}`, { nodeId: cycle[0] }));
  return false;
}

function checkEnds(nodes: PipelineNode[], problems: PipelineProblem[]) {
  if (!nodes.some((node) => operatorOf(node.type).category === "source")) {
    problems.push(problem("graph.no-source", "Add a Kafka source: a pipeline needs at least one"));
  }
  const sinks = nodes.filter((node) => operatorOf(node.type).category === "sink");
  if (sinks.length === 0) {
    problems.push(problem("graph.no-sink", "Add a Kafka sink: a pipeline needs at least one"));
  } else if (sinks.every((node) => disabledEffect(node) !== null)) {
    // Nothing would be written, yet the sources' offsets would move on: enable a sink first.
    problems.push(problem("graph.no-sink", "Every Kafka sink is disabled: enable one, a pipeline needs at least one sink that writes", { nodeId: sinks[0]!.id, field: "disabled" }));
  }
}

/** The Kafka connection of a source or sink node (`""`: the server's own cluster); undefined for other nodes. */
function clusterOf(node: { type: string; data: Readonly<Record<string, unknown>>; disabled?: boolean }): string | undefined {
  const operator = findOperator(node.type);
  // A disabled sink connects to nothing.
  if (!operator?.endpoint || disabledEffect(node) !== null) return undefined;
  // Read before validation too (a draft's problems), so the raw field rather than the parsed data.
  return typeof node.data.connection === "string" ? node.data.connection : "";
}

/** One pipeline, one cluster: exactly-once transactions and offsets cannot span two Kafka clusters. */
function checkClusters(nodes: PipelineNode[], problems: PipelineProblem[]) {
  const kafkaNodes = nodes.filter((node) => clusterOf(node) !== undefined);
  const first = kafkaNodes[0];
  if (!first) return;
  for (const node of kafkaNodes) {
    if (clusterOf(node) !== clusterOf(first)) {
      problems.push(problem("graph.mixed-clusters", `${nodeName(node)}: every source and sink of a pipeline must use the same Kafka connection as ${nodeName(first)}`, { nodeId: node.id, field: "connection" }));
    }
  }
}

/**
 * A sink must not write the topic one of the pipeline's own sources reads:
 * every record it writes would come back in as input, a feedback loop that
 * never ends. Read through each operator's `endpoint`, so no node type is spelled here.
 */
function checkFeedback(nodes: PipelineNode[], problems: PipelineProblem[]) {
  const endpoints = kafkaEndpoints({ nodes }).filter((endpoint) => endpoint.topic !== "");
  for (const sink of endpoints.filter((endpoint) => endpoint.role === "sink")) {
    const source = endpoints.find((endpoint) => endpoint.role === "source" && endpoint.topic === sink.topic && (endpoint.connection ?? "") === (sink.connection ?? ""));
    if (!source) continue;
    const node = nodes.find((candidate) => candidate.id === sink.nodeId)!;
    const sourceNode = nodes.find((candidate) => candidate.id === source.nodeId)!;
    problems.push(problem("graph.sink-into-source", `${nodeName(node)} writes to '${sink.topic}', which ${nodeName(sourceNode)} reads: every record written would be read again (a feedback loop). Write to another topic`, { nodeId: sink.nodeId, field: "topic" }));
  }
}

/** The stored Kafka connection a (valid) pipeline runs against, or undefined for the server's own cluster. */
export function pipelineConnection(document: PipelineDocument | ValidPipeline): string | undefined {
  const cluster = document.nodes.map(clusterOf).find((found) => found !== undefined);
  return cluster || undefined;
}

function nodeName(node: PipelineNode): string {
  const label = typeof node.data.label === "string" && node.data.label.trim() ? node.data.label.trim() : null;
  return label ? `'${label}' (${node.id})` : `${operatorOf(node.type).label} ${node.id}`;
}

type Where = Pick<PipelineProblem, "nodeId" | "edgeId" | "field">;

function problem(code: ProblemCode, message: string, where: Where = {}, expression?: PipelineProblem["expression"]): PipelineProblem {
  return { code, message, ...dropUndefined(where), structural: false, ...(expression ? { expression } : {}) };
}

function structural(code: ProblemCode, message: string, where: Where = {}): PipelineProblem {
  return { code, message, ...dropUndefined(where), structural: true };
}

function dropUndefined(where: Where): Where {
  return Object.fromEntries(Object.entries(where).filter(([, value]) => value !== undefined)) as Where;
}
