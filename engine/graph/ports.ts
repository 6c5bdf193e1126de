import { findOperator } from "../operators/registry";

/** A port as the canvas draws it: `handle` null is the single unnamed port. */
export type Port = { handle: string | null; label: string };

/**
 * The input and output ports of a node, from its type's description and (for
 * named outputs, which depend on the configuration) its data. Data that does
 * not validate yet gives the outputs it can still read, so a half-configured
 * route keeps its handles while being edited.
 */
export function portsOf(type: string, data: Record<string, unknown>): { inputs: Port[]; outputs: Port[]; manyInputs: boolean } {
  const operator = findOperator(type);
  if (!operator) return { inputs: [], outputs: [], manyInputs: false };
  const inputs: Port[] =
    operator.inputs.kind === "none" ? [] : operator.inputs.kind === "named" ? operator.inputs.ports : [{ handle: null, label: "in" }];
  let outputs: Port[] = [];
  if (operator.outputs.kind === "single") outputs = [{ handle: null, label: "out" }];
  if (operator.outputs.kind === "named") outputs = operator.outputs.ports(data);
  return { inputs, outputs, manyInputs: operator.inputs.kind === "many" };
}
