import { findOperator } from "../operators/registry";
import { disabledEffect } from "./disabled-nodes";

/** A node that reads or writes Kafka: its role, topic and stored connection (undefined: the server's own cluster). */
export type KafkaEndpointNode = { nodeId: string; role: "source" | "sink"; topic: string; connection: string | undefined };

/**
 * The sources and sinks of a document with their topics, read through each
 * operator's `endpoint` (only nodes whose configuration is valid: a draft's
 * half-filled source has no topic yet) that are not disabled: a disabled sink writes nothing.
 */
export function kafkaEndpoints(document: { nodes: readonly { id: string; type: string; data: Readonly<Record<string, unknown>>; disabled?: boolean }[] }): KafkaEndpointNode[] {
  const found: KafkaEndpointNode[] = [];
  for (const node of document.nodes) {
    if (disabledEffect(node) !== null) continue;
    const operator = findOperator(node.type);
    if (!operator?.endpoint || (operator.category !== "source" && operator.category !== "sink")) continue;
    const parsed = operator.schema.safeParse(node.data);
    if (!parsed.success) continue;
    found.push({ nodeId: node.id, role: operator.category, ...operator.endpoint(parsed.data) });
  }
  return found;
}
