import { disabledEffect, findOperator, topologicalOrder, type PipelineDocument } from "../../graph";
import type { FlinkPlan } from "./compile-pipeline";

/** Where a canvas node runs in the Flink job: its vertex, and the operator whose metrics count its records. */
export type NodeOperator = { vertexId: string; operator: string; metricPrefix: string };

/**
 * Works out which operator of the job runs each canvas node, so Flink's
 * metrics can be shown on the canvas. Flink chains operators into vertices
 * named after them ("Source: src_lines[1] -> Calc[2] -> Correlate[3]",
 * "GroupAggregate[5] -> snk_counts[6]: Writer -> snk_counts[6]: Committer")
 * and reports `<operator>.numRecordsIn/Out` per operator. Sources and sinks
 * are found by their table names; each other node takes the first unused
 * operator of its kind (its operator's `flink.operatorPattern`) after its input's operator (operators come in
 * topological order); when there is none (the planner merged the node into
 * another operator, e.g. a filter into a scan) it shares its input's.
 *
 * A chain that branches is named as a tree, `A -> (B -> C, D -> E)`: the
 * job's statement set lists the data sinks' INSERTs first, so Flink numbers
 * their operators before the dead letters' and the samples' ones (`Calc[12]`):
 * of the operators that fit, a node takes the lowest numbered.
 */
export function mapVerticesToNodes(document: PipelineDocument, plan: FlinkPlan, vertices: readonly { id: string; name: string }[]): Record<string, NodeOperator> {
  const operators = vertices.flatMap((vertex) => operatorsOf(vertex.name).map((operator) => ({ vertexId: vertex.id, operator })));
  const result: Record<string, NodeOperator> = {};
  const used = new Set<number>();
  const assign = (nodeId: string, index: number) => {
    const { vertexId, operator } = operators[index]!;
    used.add(index);
    result[nodeId] = { vertexId, operator, metricPrefix: operator.replace(/[:\s]/g, "_") };
  };
  for (const table of plan.tables) {
    const index = operators.findIndex((op) => (table.role === "source" ? op.operator.startsWith(`Source: ${table.table}[`) : op.operator.startsWith(`${table.table}[`) && op.operator.endsWith("Writer")));
    if (index >= 0) assign(table.nodeId, index);
  }
  const positionOf = (nodeId: string) => {
    const found = result[nodeId];
    return found ? operators.findIndex((op) => op.operator === found.operator && op.vertexId === found.vertexId) : -1;
  };
  const nodes = new Map(document.nodes.map((node) => [node.id, node]));
  for (const id of topologicalOrder(document.nodes.map((node) => node.id), document.edges)) {
    const node = nodes.get(id)!;
    const inputs = document.edges.filter((edge) => edge.target === id).map((edge) => edge.source);
    const disabled = disabledEffect(node);
    // A disabled pass-through is a plain projection the planner folds into its input's operator; a disabled sink runs nowhere.
    if (disabled === "pass-through" && inputs[0] && result[inputs[0]]) result[id] = result[inputs[0]]!;
    if (disabled !== null) continue;
    const flink = findOperator(node.type)?.flink;
    const pattern = flink?.supported ? flink.operatorPattern : null;
    if (!pattern) continue;
    const from = Math.max(0, ...inputs.map(positionOf));
    // Of the candidates, the one Flink numbered first: the data sinks' INSERTs are translated before the dead letters' and samples'.
    const candidates = operators.flatMap((op, i) => (i > from && !used.has(i) && pattern.test(op.operator) ? [i] : []));
    const index = candidates.length === 0 ? -1 : candidates.reduce((best, i) => (operatorNumber(operators[i]!.operator) < operatorNumber(operators[best]!.operator) ? i : best));
    if (index >= 0) assign(id, index);
    else if (inputs[0] && result[inputs[0]]) result[id] = result[inputs[0]]!;
  }
  return result;
}

/** The operators of a vertex name, in the order they appear ("Source: t[1] -> (Calc[2] -> x[3]: Writer, Calc[4])"). */
export function operatorsOf(name: string): string[] {
  return [...name.matchAll(/(?:Source: )?[^\s(),>][^(),>]*?\[\d+\](?:: (?:Writer|Committer))?/g)].map((match) => match[0].trim());
}

/** The number Flink gives an operator in its name (`Calc[12]` → 12). */
function operatorNumber(operator: string): number {
  return Number(/\[(\d+)\]/.exec(operator)?.[1] ?? Number.MAX_SAFE_INTEGER);
}
