import type { DeployPlanView } from "@/lib/client/api/deployments";

/** One line of the plan table: a stateful node, a node whose state is left behind, or a source. */
export type PlanRow = {
  key: string;
  nodeId: string;
  label: string;
  /** The operator type, or the topic for a source. */
  detail: string;
  /** What happens: a state fate, "removed" (state left behind) or where a source starts. */
  outcome: "kept" | "reset" | "new" | "removed" | "resumes" | "replays";
  /** The plan's words for it. */
  reason: string;
};

/** The plan as the dialog's table, grouped: state first (reset before kept before new, the order a reviewer cares about), then sources. */
export function planRows(plan: DeployPlanView): { state: PlanRow[]; sources: PlanRow[] } {
  const order = { reset: 0, removed: 1, new: 2, kept: 3 } as const;
  const state: PlanRow[] = [
    ...plan.stateful.map((node): PlanRow => ({ key: `state:${node.nodeId}`, nodeId: node.nodeId, label: node.label, detail: node.type, outcome: node.state, reason: node.reason })),
    ...plan.removed.map((node): PlanRow => ({
      key: `removed:${node.nodeId}`,
      nodeId: node.nodeId,
      label: node.label,
      detail: node.type,
      outcome: "removed",
      reason: `not in version ${plan.version}: its state is left behind`,
    })),
  ].sort((a, b) => order[a.outcome as keyof typeof order] - order[b.outcome as keyof typeof order] || a.label.localeCompare(b.label));
  const sources = plan.sources.map((source): PlanRow => ({
    key: `source:${source.nodeId}`,
    nodeId: source.nodeId,
    label: source.nodeId,
    detail: source.topic,
    outcome: source.resumes === "committed" ? "resumes" : "replays",
    reason: source.description,
  }));
  return { state, sources };
}

/**
 * Whether the plan asks the user where the sources should start: some state is reset by
 * a change (or kept through a replay), so what the counts will mean depends on that choice.
 * Exactly when the plan carries a warning.
 */
export function asksForReplayChoice(plan: DeployPlanView): boolean {
  return plan.warnings.length > 0;
}

/** "2 kept · 1 reset · 1 new", for the dialog's summary line; empty parts left out. */
export function summarizePlan(plan: DeployPlanView): string {
  const count = (state: "kept" | "reset" | "new") => plan.stateful.filter((node) => node.state === state).length;
  const parts = [`${count("kept")} kept`, `${count("reset")} reset`, `${count("new")} new`].filter((part) => !part.startsWith("0 "));
  if (plan.removed.length > 0) parts.push(`${plan.removed.length} left behind`);
  return parts.length > 0 ? `State: ${parts.join(" · ")}` : "No stateful nodes: nothing to keep or reset";
}
