import { createHash } from "node:crypto";

/** Kafka names for a deployment; stable so a redeploy continues where the last one stopped. */
export function deploymentNames(pipelineId: string, generation: number) {
  const base = `streamline.${pipelineId}.g${generation}`;
  return {
    groupId: base,
    transactionalId: base,
    changelogTopic: (nodeId: string, nodeType: string, data: Record<string, unknown>) => {
      // Configuration in the name: a changed node starts with empty state instead of misreading old state.
      const { label: _label, ...config } = data;
      const hash = createHash("sha256").update(JSON.stringify({ nodeType, config })).digest("hex").slice(0, 10);
      return `${base}.${nodeId.replace(/[^a-zA-Z0-9._-]/g, "_")}.${hash}.changelog`;
    },
  };
}
