import { formatType, type RecordType } from "@/engine/expr";
import { checkPipelineExpressions, findCycle, findOperator, type PipelineDocument, type PipelineNode } from "@/engine/graph";

export type InputFields =
  /** Nothing is connected yet, so nothing is known. */
  | { state: "unconnected" }
  /** An upstream node is misconfigured or the graph loops, so its output cannot be worked out. */
  | { state: "unknown" }
  /** `type`: the record type itself, for the expression editor's completions. */
  | { state: "known"; fields: { name: string; type: string }[]; open: boolean; type: RecordType };

/**
 * The fields a single-input node receives, as the expression checker sees them, so the
 * inspector can show what its expressions may refer to. Like validation, it only trusts
 * upstream nodes whose configuration is valid. The node itself is kept whatever its
 * configuration: its own (possibly half-typed) configuration does not change what it receives.
 */
export function inputFieldsOf(document: PipelineDocument, nodeId: string): InputFields {
  const incoming = document.edges.filter((edge) => edge.target === nodeId);
  if (incoming.length === 0) return { state: "unconnected" };
  const configured = new Set(
    document.nodes
      .filter((node) => node.id !== nodeId && findOperator(node.type)?.schema.safeParse(node.data).success)
      .map((node) => node.id),
  );
  if (!incoming.every((edge) => configured.has(edge.source))) return { state: "unknown" };

  const kept = (id: string) => id === nodeId || configured.has(id);
  const nodes = document.nodes.flatMap((node): PipelineNode[] =>
    node.id === nodeId || configured.has(node.id) ? [node] : [],
  );
  const edges = document.edges.filter((edge) => kept(edge.source) && kept(edge.target));
  if (findCycle(nodes.map((node) => node.id), edges)) return { state: "unknown" };

  const input = checkPipelineExpressions({ ...document, nodes, edges }).inputTypes.get(nodeId);
  if (!input) return { state: "unknown" };
  return { state: "known", fields: input.fields.map((field) => ({ name: field.name, type: formatType(field.type) })), open: input.open, type: input };
}
