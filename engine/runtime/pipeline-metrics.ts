import type { StreamRecord } from "./stream-record";

/** How many records in and out of each node are kept for the sample panel. */
export const sampleSize = 50;
/** Samples larger than this (as JSON) are cut, so one huge record cannot bloat telemetry. */
const maxSampleChars = 4_000;
/** Latency observations kept per reporting interval; percentiles are computed from them. */
const reservoirSize = 1_024;

/** A record as the sample panel shows it. */
export type Sample = { at: number; timestamp: number; fields: unknown; truncated?: true };

export type NodeCounters = {
  recordsIn: number;
  recordsOut: number;
  errors: number;
  /** Records this node dead-lettered as late (also counted in `errors`). */
  lateRecords: number;
  /** An event-time node's watermark (epoch ms), once it has one. */
  watermark: number | null;
  busyMs: number;
  samplesIn: Sample[];
  samplesOut: Sample[];
  samplesVersion: number;
  /** Samples still allowed in the current batch: bounds sampling to 2 × 50 records per node per batch. */
  budgetIn: number;
  budgetOut: number;
};

/** One node's numbers in a snapshot. Counters are totals since the runner started; rates are derived by readers. */
export type NodeMetricsSnapshot = {
  recordsIn: number;
  recordsOut: number;
  errors: number;
  /** Share of the last interval this node spent processing, 0–1. */
  busy: number;
  latencyP50Ms: number | null;
  latencyP99Ms: number | null;
  /** Event-time nodes (windows, joins): records dead-lettered as late, since the runner started. */
  lateRecords?: number;
  /** Event-time nodes: the watermark (epoch ms), null before the first; wall clock minus it is the watermark lag. */
  watermark?: number | null;
  stateKeys?: number;
  stateBytes?: number;
};

/**
 * Counts what every node does, times it, and keeps the last records in and
 * out of each node. Kept deliberately cheap: counters are plain numbers, a
 * sample is a reference put in a fixed ring, and anything costly (percentiles,
 * JSON) happens once per report, not per record.
 */
export class PipelineMetrics {
  readonly nodes = new Map<string, NodeCounters>();
  private latency = new Map<string, number[]>();
  private endToEnd: number[] = [];
  private endToEndSeen = 0;
  private intervalStart = Date.now();
  /** Turning samples off costs nothing per record (the benchmarks measure both ways). */
  sampling = true;

  constructor(nodeIds: string[]) {
    for (const id of nodeIds) this.nodes.set(id, { recordsIn: 0, recordsOut: 0, errors: 0, lateRecords: 0, watermark: null, busyMs: 0, samplesIn: [], samplesOut: [], samplesVersion: 0, budgetIn: sampleSize, budgetOut: sampleSize });
  }

  /** Called before each batch: renews every node's sampling budget. */
  beginBatch(): void {
    for (const node of this.nodes.values()) {
      node.budgetIn = sampleSize;
      node.budgetOut = sampleSize;
    }
  }

  node(id: string): NodeCounters {
    return this.nodes.get(id)!;
  }

  recordIn(id: string, record: StreamRecord): void {
    this.countIn(this.nodes.get(id)!, record);
  }

  recordOut(id: string, record: StreamRecord): void {
    this.countOut(this.nodes.get(id)!, record);
  }

  /** recordIn for a node whose counters the caller looked up once (the executor's hot path). */
  countIn(node: NodeCounters, record: StreamRecord): void {
    node.recordsIn++;
    if (node.budgetIn > 0 && this.sampling) {
      node.budgetIn--;
      pushSample(node, node.samplesIn, record);
    }
  }

  /** recordOut for a node whose counters the caller looked up once. */
  countOut(node: NodeCounters, record: StreamRecord): void {
    node.recordsOut++;
    if (node.budgetOut > 0 && this.sampling) {
      node.budgetOut--;
      pushSample(node, node.samplesOut, record);
    }
  }

  error(id: string): void {
    const node = this.nodes.get(id);
    if (node) node.errors++;
  }

  /** A record the node dead-lettered as late (counted as an error too). */
  late(id: string): void {
    const node = this.nodes.get(id);
    if (node) node.lateRecords++;
  }

  /** The watermark an event-time node advanced to. */
  watermark(id: string, watermark: number): void {
    const node = this.nodes.get(id);
    if (node) node.watermark = watermark;
  }

  /** Time a node spent on a batch, in milliseconds, with the number of records it handled. */
  busy(id: string, ms: number, records: number): void {
    const node = this.nodes.get(id)!;
    node.busyMs += ms;
    if (records > 0) observe(this.latency, id, ms / records);
  }

  /** Record timestamp to sink write, for each message a sink wrote. */
  endToEndLatency(ms: number): void {
    this.endToEndSeen++;
    if (this.endToEnd.length < reservoirSize) this.endToEnd.push(ms);
    else {
      const slot = Math.floor(Math.random() * this.endToEndSeen);
      if (slot < reservoirSize) this.endToEnd[slot] = ms;
    }
  }

  /**
   * The numbers of the interval since the last snapshot (percentiles, busy
   * share) and the running totals, then starts a new interval.
   */
  snapshot(state: Map<string, { keys: number; bytes: number }>, eventTimeNodes: ReadonlySet<string> = new Set()): { nodes: Record<string, NodeMetricsSnapshot>; endToEndP50Ms: number | null; endToEndP99Ms: number | null } {
    const now = Date.now();
    const elapsed = Math.max(1, now - this.intervalStart);
    const nodes: Record<string, NodeMetricsSnapshot> = {};
    for (const [id, node] of this.nodes) {
      const samples = this.latency.get(id) ?? [];
      const stateOfNode = state.get(id);
      nodes[id] = {
        recordsIn: node.recordsIn,
        recordsOut: node.recordsOut,
        errors: node.errors,
        busy: Math.min(1, node.busyMs / elapsed),
        latencyP50Ms: percentile(samples, 0.5),
        latencyP99Ms: percentile(samples, 0.99),
        ...(eventTimeNodes.has(id) ? { lateRecords: node.lateRecords, watermark: node.watermark } : {}),
        ...(stateOfNode ? { stateKeys: stateOfNode.keys, stateBytes: stateOfNode.bytes } : {}),
      };
      node.busyMs = 0;
    }
    const result = { nodes, endToEndP50Ms: percentile(this.endToEnd, 0.5), endToEndP99Ms: percentile(this.endToEnd, 0.99) };
    this.latency = new Map();
    this.endToEnd = [];
    this.endToEndSeen = 0;
    this.intervalStart = now;
    return result;
  }

  /** The samples of nodes whose samples changed since `since` (a version map the caller keeps). */
  changedSamples(since: Map<string, number>): Record<string, { in: Sample[]; out: Sample[] }> {
    const changed: Record<string, { in: Sample[]; out: Sample[] }> = {};
    for (const [id, node] of this.nodes) {
      if (since.get(id) === node.samplesVersion) continue;
      since.set(id, node.samplesVersion);
      changed[id] = { in: node.samplesIn.map(freeze), out: node.samplesOut.map(freeze) };
    }
    return changed;
  }
}

function pushSample(node: NodeCounters, ring: Sample[], record: StreamRecord): void {
  // Keep the live reference; it is serialised (and cut) only when samples are published.
  if (ring.length >= sampleSize) ring.shift();
  ring.push({ at: Date.now(), timestamp: record.timestamp, fields: record.fields });
  node.samplesVersion++;
}

function freeze(sample: Sample): Sample {
  let json: string;
  try {
    json = JSON.stringify(sample.fields) ?? "null";
  } catch {
    json = '"(unserialisable record)"';
  }
  if (json.length <= maxSampleChars) return { at: sample.at, timestamp: sample.timestamp, fields: JSON.parse(json) };
  return { at: sample.at, timestamp: sample.timestamp, fields: `${json.slice(0, maxSampleChars)}…`, truncated: true };
}

function observe(map: Map<string, number[]>, id: string, value: number): void {
  let list = map.get(id);
  if (!list) map.set(id, (list = []));
  if (list.length < reservoirSize) list.push(value);
}

function percentile(values: number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
}
