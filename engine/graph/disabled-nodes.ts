import { findOperator, type NodeTypeName, type TypedNode } from "../operators/registry";

/**
 * What a disabled node does instead of its work, or why a node of its type cannot be disabled.
 *
 * - `pass-through`: a node with one input and one output forwards every record it receives
 *   unchanged (its output type is its input type);
 * - `write-nothing`: a sink takes its input and writes nothing.
 */
export type DisableRule = { allowed: true; effect: "pass-through" | "write-nothing" } | { allowed: false; reason: string };

/** What a disabled node does, when it may be disabled. */
export type DisabledEffect = Extract<DisableRule, { allowed: true }>["effect"];

/**
 * The one rule for disabling a node, read from its operator's ports in the registry so no
 * type is spelled here: a node with exactly one input and one unnamed output passes its
 * input through; a sink (one input, no output) writes nothing. Where passing through has no
 * single meaning it cannot be disabled: a source (no input to pass on), a node with several
 * inputs (a join, a union) or named outputs (a route). The canvas, validation, type
 * inference, the embedded engine and the Flink compiler all ask this function.
 */
export function disableRule(type: string): DisableRule {
  const operator = findOperator(type);
  if (!operator) return { allowed: false, reason: `Unknown node type '${type}'` };
  const { inputs, outputs, label } = operator;
  if (inputs.kind === "none") return { allowed: false, reason: `${label} cannot be disabled: it has no input to pass on (delete it instead)` };
  if (inputs.kind !== "single") return { allowed: false, reason: `${label} cannot be disabled: it takes several inputs, so there is no single input to pass on` };
  if (outputs.kind === "named") return { allowed: false, reason: `${label} cannot be disabled: it has several outputs, so passing records through would not say which one` };
  return { allowed: true, effect: outputs.kind === "none" ? "write-nothing" : "pass-through" };
}

/**
 * What a node does while disabled, or null when it runs as configured: a node not marked
 * disabled, or marked but of a type that cannot be (validation reports that one).
 */
export function disabledEffect(node: { type: string; disabled?: boolean }): DisabledEffect | null {
  if (node.disabled !== true) return null;
  const rule = disableRule(node.type);
  return rule.allowed ? rule.effect : null;
}

/**
 * A disabled node of a valid pipeline. Its `data` is kept as given, unvalidated, and nothing
 * that runs reads it; `effect` says what the node does instead.
 */
export type DisabledNode = {
  id: string;
  type: NodeTypeName;
  position: { x: number; y: number };
  data: Readonly<Record<string, unknown>>;
  disabled: true;
  effect: DisabledEffect;
};

/** A node of a valid pipeline: runs as configured (data parsed by its type) or is disabled. */
export type ValidNode = TypedNode | DisabledNode;
