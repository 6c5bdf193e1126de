import { categoryOf, type PipelineDocument } from "../../graph";
import { sampleSize, type Sample } from "../../runtime/pipeline-metrics";
import type { FlinkPlan } from "./compile-pipeline";

/*
 * The engine's side of record samples and end-to-end latency on Flink: what
 * the job wrote into its samples topic (see flink-sql/samples.ts) becomes the
 * canvas's samples per node, in and out, and the samples that reached a sink
 * give the end-to-end latency. Pure functions; the Flink runtime reads the
 * topics and the checkpoints.
 */

/** A sample as the job wrote it, under the key of the output it was taken from. */
export type FlinkSample = { key: string; sample: Sample };

/** The samples topic of a pipeline's Flink jobs (each job's samples are told apart by time: see {@link samplesSince}). */
export const flinkSamplesTopic = (pipelineId: string) => `streamline.${pipelineId}.flink-samples`;
/** Samples are for watching: an hour is plenty. */
export const flinkSamplesRetentionMs = 3_600_000;

/** Reads one record of the samples topic (`{"node": key, "sample": JSON text}`); null when it is not one. */
export function parseFlinkSample(value: string | null): FlinkSample | null {
  if (!value) return null;
  try {
    const row = JSON.parse(value) as { node?: unknown; sample?: unknown };
    if (typeof row.node !== "string" || typeof row.sample !== "string") return null;
    try {
      const sample = JSON.parse(row.sample) as { at?: unknown; timestamp?: unknown; fields?: unknown };
      if (typeof sample.at !== "number" || typeof sample.timestamp !== "number") return null;
      return { key: row.node, sample: { at: sample.at, timestamp: sample.timestamp, fields: sample.fields ?? null } };
    } catch {
      // The job cuts a sample's JSON at 4,000 characters, which leaves it unreadable: show the text, as the embedded engine shows a cut sample.
      return { key: row.node, sample: { at: 0, timestamp: 0, fields: `${row.sample}…`, truncated: true } };
    }
  } catch {
    return null;
  }
}

/** The samples of one job: those taken since it started (the topic is the pipeline's, shared by its successive jobs). */
export function samplesSince(samples: readonly FlinkSample[], startedAt: number): FlinkSample[] {
  return samples.filter((s) => s.sample.at >= startedAt || s.sample.truncated);
}

/** The key of the output an edge leaves from: the node id, or `<node id>.<output>` for a named output. */
const edgeKey = (edge: { source: string; sourceHandle?: string | null }) => (edge.sourceHandle ? `${edge.source}.${edge.sourceHandle}` : edge.source);

const newest = (samples: Sample[]) => [...samples].sort((a, b) => a.at - b.at).slice(-sampleSize);

/**
 * Per canvas node, the samples in and out: a node's out are the samples of
 * its output(s), its in are the outs of the outputs its edges come from. A
 * source's in are its out (the records it read), and a sink's both are the
 * last records of its topic (`sinkRecords`, what readers of the topic see).
 * At most {@link sampleSize} each, the newest, as on the embedded engine.
 */
export function nodeSamples(document: PipelineDocument, samples: readonly FlinkSample[], sinkRecords: Record<string, Sample[]>): Record<string, { in: Sample[]; out: Sample[] }> {
  const byKey = new Map<string, Sample[]>();
  for (const { key, sample } of samples) byKey.set(key, [...(byKey.get(key) ?? []), sample]);
  const outOf = (nodeId: string) => newest([...byKey].filter(([key]) => key === nodeId || key.startsWith(`${nodeId}.`)).flatMap(([, list]) => list));
  const result: Record<string, { in: Sample[]; out: Sample[] }> = {};
  for (const node of document.nodes) {
    const category = categoryOf(node.type);
    if (category === "sink") {
      const records = newest(sinkRecords[node.id] ?? []);
      result[node.id] = { in: records, out: records };
      continue;
    }
    const out = outOf(node.id);
    const inputs = category === "source" ? out : newest(document.edges.filter((e) => e.target === node.id).flatMap((e) => byKey.get(edgeKey(e)) ?? []));
    result[node.id] = { in: inputs, out };
  }
  return result;
}

/**
 * The sampled output whose records stand for what reaches a sink: the sink's
 * input when it is sampled, else the nearest sampled output up its first
 * input (an updating result, e.g. an unwindowed reduce, is not sampled; it
 * emits each update as its input arrives). Null when there is none.
 */
export function latencyKeyOf(document: PipelineDocument, plan: Pick<FlinkPlan, "sampled">, sinkId: string): string | null {
  const sampled = new Set(plan.sampled);
  const seen = new Set<string>();
  let edge = document.edges.find((e) => e.target === sinkId);
  while (edge && !seen.has(edge.source)) {
    seen.add(edge.source);
    const key = edgeKey(edge);
    if (sampled.has(key)) return key;
    const source = edge.source;
    edge = document.edges.find((e) => e.target === source);
  }
  return null;
}

/** A completed checkpoint: when it was triggered and when it completed (the sinks' transactions commit then). */
export type CompletedCheckpoint = { triggeredAt: number; completedAt: number };

/**
 * When a record that reached a sink at `at` became visible to `read_committed`
 * readers: at once for at-least-once sinks; for exactly-once sinks when the
 * first checkpoint triggered after it completed (its transaction commits then).
 * Null while that checkpoint has not completed.
 */
export function visibleAt(at: number, exactlyOnce: boolean, checkpoints: readonly CompletedCheckpoint[]): number | null {
  if (!exactlyOnce) return at;
  let first: CompletedCheckpoint | null = null;
  for (const checkpoint of checkpoints) if (checkpoint.triggeredAt >= at && (!first || checkpoint.triggeredAt < first.triggeredAt)) first = checkpoint;
  return first ? first.completedAt : null;
}

/**
 * End-to-end latency of the samples standing for the sinks' records: from the
 * record's timestamp (as on the embedded engine, the time the sink writes
 * with it) to when it became visible. Those not visible yet are left out.
 */
export function endToEndLatencies(samples: readonly Sample[], exactlyOnce: boolean, checkpoints: readonly CompletedCheckpoint[]): { visibleAt: number; ms: number }[] {
  const result: { visibleAt: number; ms: number }[] = [];
  for (const sample of samples) {
    if (sample.truncated) continue;
    const visible = visibleAt(sample.at, exactlyOnce, checkpoints);
    if (visible !== null) result.push({ visibleAt: visible, ms: Math.max(0, visible - sample.timestamp) });
  }
  return result;
}
