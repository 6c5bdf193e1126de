import type { PipelineDocument, PipelineNode } from "../graph";
import { deploymentNames } from "../runners/deployment-names";
import { describeStartPosition, type StartPosition } from "../runners/start-position";
import { findOperator } from "../operators/registry";
import { disabledEffect } from "../graph/disabled-nodes";

/** What a deploy does to one stateful node's state. */
export type StateFate = "kept" | "reset" | "new";

export type StatefulNodePlan = {
  nodeId: string;
  type: string;
  label: string;
  state: StateFate;
  /** Why, for people: "configuration unchanged", "groupBy changed", "not in version 3". */
  reason: string;
  /** For `reset` by a change: the configuration fields that differ from the running version. */
  changedFields: string[];
};

export type SourcePlan = {
  nodeId: string;
  topic: string;
  /** `committed`: where the last deployment stopped; otherwise where a fresh start or a replay begins. */
  resumes: "committed" | "earliest" | "latest" | "timestamp" | "offsets";
  description: string;
};

/**
 * What deploying a version will do, before it is done: for each stateful node
 * whether its state is kept (same node id and configuration fingerprint, the
 * changelog topic the engine restores from), reset (configuration changed, or
 * everything reset) or new; for each source where it resumes. The engine
 * follows exactly this: both read the same changelog names and offsets.
 */
export type DeployPlan = {
  version: number;
  /** The version the previous deployment ran, when there was one. */
  previousVersion: number | null;
  /** The generation the deploy runs in; a reset starts the next one. */
  generation: number;
  reset: boolean;
  stateful: StatefulNodePlan[];
  /** Stateful nodes of the previous version that this one no longer has: their state is left behind. */
  removed: { nodeId: string; type: string; label: string }[];
  sources: SourcePlan[];
  /** Things to know before confirming, e.g. that kept state will count replayed records again. */
  warnings: string[];
};

export type PlanInput = {
  version: number;
  document: PipelineDocument;
  /** The last deployment of the pipeline (running or stopped), or null for a first deploy. */
  previous: { version: number; document: PipelineDocument; generation: number } | null;
  reset: boolean;
  startAt?: StartPosition;
};

/** Works out the deploy plan; pure, so the API, the CLI and the tests share it. */
export function planDeploy({ version, document, previous, reset, startAt }: PlanInput): DeployPlan {
  const continuing = previous !== null && !reset;
  const generation = (previous?.generation ?? 0) + (previous && reset ? 1 : 0);
  const fingerprint = deploymentNames("plan", 0).changelogTopic;
  const before = new Map((previous?.document.nodes ?? []).map((node) => [node.id, node]));
  // A disabled node keeps no state: disabling a reduce leaves its state behind, enabling it again starts afresh.
  const isStateful = (node: PipelineNode) => disabledEffect(node) === null && findOperator(node.type)?.embedded.kind === "stateful";

  const stateful = document.nodes.filter(isStateful).map((node): StatefulNodePlan => {
    const base = { nodeId: node.id, type: node.type, label: labelOf(node) };
    const old = before.get(node.id);
    if (!previous) return { ...base, state: "new", reason: "first deployment", changedFields: [] };
    if (!old || !isStateful(old) || old.type !== node.type) return { ...base, state: "new", reason: `not in version ${previous.version}`, changedFields: [] };
    if (reset) return { ...base, state: "reset", reason: "all state reset on request", changedFields: [] };
    if (fingerprint(old.id, old.type, old.data) === fingerprint(node.id, node.type, node.data)) return { ...base, state: "kept", reason: "configuration unchanged", changedFields: [] };
    const changedFields = changedConfig(old.data, node.data);
    return { ...base, state: "reset", reason: `${changedFields.join(", ")} changed`, changedFields };
  });

  const now = new Set(document.nodes.map((node) => node.id));
  const removed = (previous?.document.nodes ?? []).filter((node) => isStateful(node) && !now.has(node.id)).map((node) => ({ nodeId: node.id, type: node.type, label: labelOf(node) }));

  const previousTopics = new Set(sourcesOf(previous?.document.nodes ?? []).map((source) => source.topic));
  const sources = sourcesOf(document.nodes).map(({ nodeId, topic, fromBeginning }): SourcePlan => {
      const base = { nodeId, topic };
      if (startAt) return { ...base, resumes: startAt.from, description: `${topic} ${describeStartPosition(startAt)}` };
      if (continuing && previousTopics.has(topic)) return { ...base, resumes: "committed", description: `${topic} where version ${previous.version} stopped (committed offsets)` };
      const from = fromBeginning ? "earliest" : "latest";
      return { ...base, resumes: from, description: `${topic} from the ${from} offsets (${continuing ? "a topic new to this deployment" : reset ? "state and offsets reset" : "first deployment"})` };
    });

  const warnings: string[] = [];
  const kept = stateful.filter((node) => node.state === "kept");
  if (startAt && kept.length > 0) {
    warnings.push(`Sources replay ${describeStartPosition(startAt)} while ${kept.map((n) => n.label).join(", ")} keep${kept.length === 1 ? "s" : ""} state: records read again are counted again. Reset state to recount from the start position.`);
  }
  const changed = stateful.filter((node) => node.state === "reset" && node.changedFields.length > 0);
  if (changed.length > 0 && continuing && !startAt) {
    warnings.push(`${changed.map((n) => n.label).join(", ")} start${changed.length === 1 ? "s" : ""} with empty state but the sources continue from committed offsets: earlier records are not counted again.`);
  }
  return { version, previousVersion: previous?.version ?? null, generation, reset: previous !== null && reset, stateful, removed, sources, warnings };
}

/** The source nodes of a document with their topic and fresh-start offset, as the embedded engine reads them (each operator's own part). */
function sourcesOf(nodes: readonly PipelineNode[]): { nodeId: string; topic: string; fromBeginning: boolean }[] {
  return nodes.flatMap((node) => {
    const embedded = findOperator(node.type)?.embedded;
    return embedded?.kind === "source" ? [{ nodeId: node.id, topic: embedded.topic(node.data), fromBeginning: embedded.fromBeginning(node.data) }] : [];
  });
}

function labelOf(node: PipelineNode): string {
  return typeof node.data.label === "string" && node.data.label ? node.data.label : node.id;
}

/** Top-level configuration fields whose values differ (the label is not configuration). */
function changedConfig(before: Record<string, unknown>, after: Record<string, unknown>): string[] {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  keys.delete("label");
  return [...keys].filter((key) => JSON.stringify(before[key]) !== JSON.stringify(after[key])).sort();
}
