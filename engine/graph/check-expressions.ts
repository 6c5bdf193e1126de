import { checkExpression, T, type RecordType, type Type } from "../expr";
import type { FilterData, FlatMapData, JoinData, MapData, ReduceData } from "./node-data";
import type { PipelineDocument, PipelineNode } from "./pipeline-document";
import { topologicalOrder } from "./topological-order";

/** An expression problem at a place in a node's configuration, with the span inside the expression text. */
export type ExpressionProblem = { nodeId: string; field: string; code: string; message: string; start: number; end: number };

/**
 * Works out the record type flowing out of every node (as far as it is known:
 * a JSON source's fields are not) and checks every expression against the
 * type of its node's input. The editor uses the input types for field
 * suggestions, and validation reports the problems.
 */
export function checkPipelineExpressions(
  document: PipelineDocument,
  /**
   * The nodes whose configuration passed their type's schema; by default all. Every other
   * node still has each of its expressions checked on its own (a bad expression is reported
   * even while another field of the node is invalid), but its output counts as unknown.
   */
  configured?: ReadonlySet<string>,
): { problems: ExpressionProblem[]; inputTypes: Map<string, RecordType> } {
  const problems: ExpressionProblem[] = [];
  const outputTypes = new Map<string, RecordType>();
  const inputTypes = new Map<string, RecordType>();
  const nodes = new Map(document.nodes.map((node) => [node.id, node]));
  const inputsOf = (nodeId: string, handle: "left" | "right" | null = null) =>
    document.edges.filter((edge) => edge.target === nodeId && (edge.targetHandle ?? null) === handle).map((edge) => outputTypes.get(edge.source) ?? T.anyRecord());

  for (const id of topologicalOrder(document.nodes.map((node) => node.id), document.edges)) {
    const node = nodes.get(id)!;
    if (configured && !configured.has(id)) {
      const input = node.type === "join" ? T.anyRecord() : (inputsOf(id)[0] ?? T.anyRecord());
      inputTypes.set(id, input);
      for (const { field, text, expect } of readableExpressions(node)) {
        const result = checkExpression(text, { input, expect });
        if (!result.ok) for (const error of result.errors) problems.push({ nodeId: id, field, code: error.code, message: error.message, start: error.start, end: error.end });
      }
      outputTypes.set(id, T.anyRecord());
      continue;
    }
    if (node.type === "join") {
      const left = inputsOf(id, "left")[0] ?? T.anyRecord();
      const right = inputsOf(id, "right")[0] ?? T.anyRecord();
      inputTypes.set(id, left);
      outputTypes.set(id, joinOutput(left, right, node.data as JoinData));
      continue;
    }
    const input = inputsOf(id)[0] ?? T.anyRecord();
    inputTypes.set(id, input);
    outputTypes.set(id, outputOf(node, input, (field, text, expect) => {
      const result = checkExpression(text, { input, expect });
      if (!result.ok) for (const error of result.errors) problems.push({ nodeId: id, field, code: error.code, message: error.message, start: error.start, end: error.end });
      return result.ok ? result.type : T.any;
    }));
  }
  return { problems, inputTypes };
}

type Check = (field: string, text: string, expect?: Type) => Type;

/**
 * The non-empty expressions of a node whose data failed its schema, read defensively (any
 * field may have the wrong shape). An empty expression is left to the schema's "required" problem.
 */
function readableExpressions(node: PipelineNode): { field: string; text: string; expect?: Type }[] {
  const data = node.data as Record<string, unknown>;
  const text = (value: unknown) => (typeof value === "string" && value.trim() !== "" ? value : null);
  switch (node.type) {
    case "filter": {
      const condition = text(data.condition);
      return condition ? [{ field: "condition", text: condition, expect: T.boolean }] : [];
    }
    case "map": {
      const fields = Array.isArray(data.fields) ? data.fields : [];
      return fields.flatMap((item: unknown, i) => {
        const expression = text((item as { expression?: unknown } | null)?.expression);
        return expression ? [{ field: `fields.${i}.expression`, text: expression }] : [];
      });
    }
    case "flat-map": {
      const expression = text(data.expression);
      return expression ? [{ field: "expression", text: expression, expect: T.array(T.any) }] : [];
    }
    default:
      return [];
  }
}

function outputOf(node: PipelineNode, input: RecordType, check: Check): RecordType {
  switch (node.type) {
    case "kafka-source":
      return node.data.format === "text" ? T.row({ text: T.string }) : T.anyRecord();
    case "filter":
      check("condition", (node.data as FilterData).condition, T.boolean);
      return input;
    case "map": {
      const fields: Record<string, Type> = {};
      (node.data as MapData).fields.forEach((field, i) => (fields[field.name] = check(`fields.${i}.expression`, field.expression)));
      return T.row(fields);
    }
    case "flat-map": {
      const data = node.data as FlatMapData;
      const type = check("expression", data.expression, T.array(T.any));
      const element = type.kind === "ARRAY" ? type.element : T.any;
      return { ...input, fields: [...input.fields.filter((f) => f.name !== data.as), { name: data.as, type: element }] };
    }
    case "reduce": {
      const data = node.data as ReduceData;
      const fields: Record<string, Type> = {};
      for (const path of data.groupBy) fields[path.split(".").at(-1)!] = fieldType(input, path);
      for (const aggregation of data.aggregations) {
        fields[aggregation.as] = aggregation.fn === "count" ? T.bigint : aggregation.fn === "avg" ? T.double : aggregation.field ? fieldType(input, aggregation.field) : T.any;
      }
      if (data.window) Object.assign(fields, { window_start: T.bigint, window_end: T.bigint });
      return T.row(fields);
    }
    default:
      return input;
  }
}

function joinOutput(left: RecordType, right: RecordType, _data: JoinData): RecordType {
  if (left.open || right.open) return T.anyRecord();
  const leftNames = new Set(left.fields.map((f) => f.name));
  return T.row(Object.fromEntries([...left.fields.map((f) => [f.name, f.type]), ...right.fields.map((f) => [leftNames.has(f.name) ? `right_${f.name}` : f.name, f.type])]));
}

function fieldType(row: RecordType, path: string): Type {
  let current: Type = row;
  for (const segment of path.split(".")) {
    if (current.kind !== "ROW") return T.any;
    const field: { type: Type } | undefined = current.fields.find((f) => f.name === segment);
    if (!field) return T.any;
    current = field.type;
  }
  return current;
}
