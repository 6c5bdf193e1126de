import { checkExpression, T, type RecordType } from "../expr";
import type { FormFieldSpec } from "../operators/operator-module";
import { findOperator } from "../operators/registry";
import { disabledEffect } from "./disabled-nodes";
import type { PipelineDocument } from "./pipeline-document";
import { topologicalOrder } from "./topological-order";

/**
 * A problem found while typing a node against its input: an expression
 * problem (with the span inside the expression text), or a configuration that
 * does not fit the input types (`code` "config", span 0–0).
 */
export type ExpressionProblem = { nodeId: string; field: string; code: string; message: string; start: number; end: number; kind: "expression" | "config" };

/**
 * Works out the record type flowing out of every node (as far as it is known:
 * a JSON source's fields are not) and checks every expression against the
 * type of its node's input, each node through its operator's `outputType`.
 * The editor uses the input types for field suggestions, and validation
 * reports the problems. A disabled node passes its input type on unchecked.
 */
export function checkPipelineExpressions(document: PipelineDocument): {
  problems: ExpressionProblem[];
  inputTypes: Map<string, RecordType>;
  /** The record type leaving each node (what its outgoing edges carry; an open record when unknown). */
  outputTypes: Map<string, RecordType>;
} {
  const problems: ExpressionProblem[] = [];
  const outputTypes = new Map<string, RecordType>();
  const inputTypes = new Map<string, RecordType>();
  const nodes = new Map(document.nodes.map((node) => [node.id, node]));
  const inputsOf = (nodeId: string, handle: string | null) =>
    document.edges.filter((edge) => edge.target === nodeId && (edge.targetHandle ?? null) === handle).map((edge) => outputTypes.get(edge.source) ?? T.anyRecord());

  for (const id of topologicalOrder(document.nodes.map((node) => node.id), document.edges)) {
    const node = nodes.get(id)!;
    const operator = findOperator(node.type);
    const firstPort = operator?.inputs.kind === "named" ? operator.inputs.ports[0]!.handle : null;
    const input = inputsOf(id, firstPort)[0] ?? T.anyRecord();
    inputTypes.set(id, input);
    if (disabledEffect(node) !== null) {
      // A disabled node's configuration is neither checked nor applied: what comes in goes out.
      outputTypes.set(id, input);
      continue;
    }
    const parsed = operator?.schema.safeParse(node.data);
    if (!operator || !parsed?.success) {
      // An unconfigured node (the one being edited) has a known input but passes nothing known on. Its
      // expressions are still checked one by one: an empty Map row must not hide UPPER(nosuchfield) in the next.
      if (operator) {
        for (const { field, text } of readableExpressions(operator.form, node.data)) {
          const result = checkExpression(text, { input });
          if (!result.ok) for (const error of result.errors) problems.push({ nodeId: id, field, code: error.code, message: error.message, start: error.start, end: error.end, kind: "expression" });
        }
      }
      outputTypes.set(id, T.anyRecord());
      continue;
    }
    outputTypes.set(
      id,
      operator.outputType({
        data: parsed.data,
        input,
        inputs: (handle) => inputsOf(id, handle),
        check: (field, text, expect) => {
          const result = checkExpression(text, { input, expect });
          if (!result.ok) for (const error of result.errors) problems.push({ nodeId: id, field, code: error.code, message: error.message, start: error.start, end: error.end, kind: "expression" });
          return result.ok ? result.type : T.any;
        },
        problem: (field, message) => problems.push({ nodeId: id, field, code: "config", message, start: 0, end: 0, kind: "config" }),
      }),
    );
  }
  return { problems, inputTypes, outputTypes };
}

/**
 * The non-empty expressions of a node whose data failed its schema, found through its form
 * (expression fields and rows of named expressions) and read defensively: any field may have
 * the wrong shape. An empty expression is left to the schema's "required" problem.
 */
export function readableExpressions(form: readonly FormFieldSpec[], data: unknown): { field: string; text: string }[] {
  const record = (data ?? {}) as Record<string, unknown>;
  const text = (value: unknown) => (typeof value === "string" && value.trim() !== "" ? value : null);
  return form.flatMap((spec) => {
    if (spec.kind === "expression") {
      const expression = text(record[spec.key]);
      return expression ? [{ field: spec.key, text: expression }] : [];
    }
    if (spec.kind === "named-expressions") {
      const rows = Array.isArray(record[spec.key]) ? (record[spec.key] as unknown[]) : [];
      return rows.flatMap((row, i) => {
        const expression = text((row as Record<string, unknown> | null)?.[spec.expressions.key]);
        return expression ? [{ field: `${spec.key}.${i}.${spec.expressions.key}`, text: expression }] : [];
      });
    }
    return [];
  });
}
