import { nodeTypes, type NodeTypeName, type PipelineProblem } from "@/engine/graph";

/** Finds the messages to show under one field of the node being inspected. */
export type FieldErrorLookup = (field: string, options?: { exact?: boolean }) => string[];

/**
 * Builds the field error lookup for one node from the live problems. A field shows its
 * own problems and those of anything inside it (`groupBy` also shows `groupBy.1`), unless
 * `exact` is set for list headers whose rows show their own errors.
 */
export function fieldErrorLookup(
  node: { id: string; type: NodeTypeName; data: Record<string, unknown> },
  problems: readonly PipelineProblem[],
): FieldErrorLookup {
  const own = problems.filter((problem) => problem.nodeId === node.id && problem.field !== undefined);
  const prefixes = messagePrefixes(node);
  return (field, { exact = false } = {}) =>
    own
      .filter((problem) => problem.field === field || (!exact && problem.field!.startsWith(`${field}.`)))
      .map((problem) => withoutNodeName(problem.message, prefixes));
}

/** Where in an expression's text a problem lies, as character offsets. */
export type ExpressionSpan = { start: number; end: number };

/** Finds the spans to underline in one expression field of the node being inspected. */
export type ExpressionSpanLookup = (field: string) => ExpressionSpan[];

/** Builds the lookup of expression error spans for one node from the live problems. */
export function expressionSpanLookup(nodeId: string, problems: readonly PipelineProblem[]): ExpressionSpanLookup {
  const own = problems.filter((problem) => problem.nodeId === nodeId && problem.expression !== undefined);
  return (field) =>
    own.filter((problem) => problem.field === field).map(({ expression }) => ({ start: expression!.start, end: expression!.end }));
}

/** Problems about the node as a whole (its connections), shown at the top of the inspector. */
export function nodeLevelProblems(nodeId: string, problems: readonly PipelineProblem[]): PipelineProblem[] {
  return problems.filter((problem) => problem.nodeId === nodeId && problem.field === undefined);
}

/**
 * Validation messages start with the node's name ("Filter filter-1: Expression is required")
 * so they read well in a list; under a field of that very node the name is noise.
 */
function messagePrefixes(node: { id: string; type: NodeTypeName; data: Record<string, unknown> }): string[] {
  const label = typeof node.data.label === "string" ? node.data.label.trim() : "";
  return [`'${label}' (${node.id}): `, `${nodeTypes[node.type].label} ${node.id}: `];
}

function withoutNodeName(message: string, prefixes: string[]): string {
  const prefix = prefixes.find((candidate) => message.startsWith(candidate));
  return prefix ? message.slice(prefix.length) : message;
}
