import type { PipelineDocument, PipelineNode } from "../graph";

type Step = { type: PipelineNode["type"]; data: Record<string, unknown>; id?: string };

/**
 * Builds a linear test pipeline: a json source on `in`, the given steps, and a
 * json sink on `out` (keyed by `sinkKey` when given).
 */
export function linearPipeline(steps: Step[], options: { format?: "json" | "text"; sinkKey?: string } = {}): PipelineDocument {
  const nodes: PipelineNode[] = [
    { id: "source", type: "kafka-source", position: { x: 0, y: 0 }, data: { topic: "in", format: options.format ?? "json", startFrom: "earliest" } },
    ...steps.map((step, i) => ({ id: step.id ?? `step${i + 1}`, type: step.type, position: { x: (i + 1) * 200, y: 0 }, data: step.data })),
    { id: "sink", type: "kafka-sink", position: { x: (steps.length + 1) * 200, y: 0 }, data: { topic: "out", format: "json", ...(options.sinkKey ? { key: options.sinkKey } : {}) } },
  ];
  const edges = nodes.slice(1).map((node, i) => ({ id: `e${i}`, source: nodes[i]!.id, target: node.id, targetHandle: null }));
  return { version: 1, nodes, edges };
}

/** A join of topics `left` and `right` into `out`. */
export function joinPipeline(join: Record<string, unknown>): PipelineDocument {
  return {
    version: 1,
    nodes: [
      { id: "l", type: "kafka-source", position: { x: 0, y: 0 }, data: { topic: "left", format: "json", startFrom: "earliest" } },
      { id: "r", type: "kafka-source", position: { x: 0, y: 200 }, data: { topic: "right", format: "json", startFrom: "earliest" } },
      { id: "j", type: "join", position: { x: 200, y: 100 }, data: join },
      { id: "sink", type: "kafka-sink", position: { x: 400, y: 100 }, data: { topic: "out", format: "json" } },
    ],
    edges: [
      { id: "e1", source: "l", target: "j", targetHandle: "left" },
      { id: "e2", source: "r", target: "j", targetHandle: "right" },
      { id: "e3", source: "j", target: "sink", targetHandle: null },
    ],
  };
}
