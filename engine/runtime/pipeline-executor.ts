import { nodeTypes, topologicalOrder, type PipelineDocument, type PipelineNode } from "../graph";
import type { FilterData } from "../operators/filter/description";
import { createFilter } from "../operators/filter/embedded";
import type { FlatMapData } from "../operators/flat-map/description";
import { createFlatMap } from "../operators/flat-map/embedded";
import type { JoinData } from "../operators/join/description";
import { createJoin } from "../operators/join/embedded";
import type { KafkaSinkData } from "../operators/kafka-sink/description";
import { createSinkEncoder } from "../operators/kafka-sink/embedded";
import type { KafkaSourceData } from "../operators/kafka-source/description";
import { createSourceDecoder, isDeadLetter, type SourceDecoder } from "../operators/kafka-source/embedded";
import type { MapData } from "../operators/map/description";
import { createMap } from "../operators/map/embedded";
import type { ReduceData } from "../operators/reduce/description";
import { createReduce } from "../operators/reduce/embedded";
import { safeJson } from "../operators/shared/compile-node-expression";
import type { DeadLetter } from "./dead-letter";
import { PipelineMetrics, type NodeCounters } from "./pipeline-metrics";
import type { Emit, InputPortName, OperatorContext, StatefulOperator, StatelessOperator } from "./operator";
import type { OutgoingMessage, SourceMessage, StreamRecord } from "./stream-record";
import { combineWatermarks, defaultIdleTimeoutMs, defaultWatermarkDelayMs, SourceWatermark, WatermarkState } from "./watermark-tracker";

type Target = { nodeId: string; port: InputPortName };

/** How records reach a node: a fused run of stateless operators, a stateful operator, or a sink. */
type Stage =
  | { kind: "chain"; nodeIds: string[]; compose: (emit: Emit, context: OperatorContext) => Emit; targets: Target[] }
  | { kind: "stateful"; operator: StatefulOperator; counters: NodeCounters; targets: Target[]; inputs: string[] }
  | { kind: "sink"; nodeId: string; counters: NodeCounters; encode: (record: StreamRecord) => OutgoingMessage };

/**
 * A source batch flows through the whole graph in slices of this many
 * records: what one slice creates on its way (decoded records, flat-map
 * output, aggregates) is garbage before the next slice starts, so it dies
 * young instead of being promoted to the old generation. With whole batches
 * of thousands of records a word count spent 40% of its time collecting garbage.
 */
const sliceSize = 64;

/** What one batch produced: messages for the sinks and records that failed. */
export type BatchResult = { messages: OutgoingMessage[]; deadLetters: DeadLetter[] };

/**
 * Runs a validated pipeline document on batches of source messages, with no
 * I/O of its own: the runner (embedded Kafka runner or test driver) feeds it
 * and writes what it returns. Consecutive stateless operators are fused into
 * one function per record. Every operator's expressions are compiled here, so
 * constructing an executor fails with a PlanError naming the node when one
 * does not compile.
 */
export class PipelineExecutor {
  readonly statefulOperators: StatefulOperator[] = [];
  /** Per-node counters, timings and samples; read by the runner's telemetry. */
  readonly metrics: PipelineMetrics;
  /**
   * The sources' per-partition event-time progress, as state to commit with
   * the output; null when no operator works on event time (no window, no join).
   */
  readonly watermarkState: WatermarkState | null = null;
  /** The nodes that work on event time and report a watermark and late records. */
  readonly eventTimeNodes = new Set<string>();
  private readonly stages = new Map<string, Stage>();
  private readonly sources = new Map<string, { nodeId: string; decode: SourceDecoder; targets: Target[]; watermark: SourceWatermark }[]>();
  /** Stateful stages in topological order: watermarks advance through them upstream first. */
  private readonly statefulOrder: Extract<Stage, { kind: "stateful" }>[] = [];
  /** The runner's clock at the last call that gave one: for restoring and idleness. */
  private clock = Date.now();

  constructor(readonly document: PipelineDocument) {
    this.metrics = new PipelineMetrics(document.nodes.map((node) => node.id));
    const nodes = new Map(document.nodes.map((node) => [node.id, node]));
    const outgoing = new Map<string, Target[]>(document.nodes.map((node) => [node.id, []]));
    for (const edge of document.edges) outgoing.get(edge.source)!.push({ nodeId: edge.target, port: edge.targetHandle ?? "in" });

    const stateless = new Map<string, StatelessOperator>();
    for (const node of document.nodes) {
      if (node.type === "filter") stateless.set(node.id, createFilter(node.id, node.data as FilterData));
      if (node.type === "map") stateless.set(node.id, createMap(node.id, node.data as MapData));
      if (node.type === "flat-map") stateless.set(node.id, createFlatMap(node.id, node.data as FlatMapData));
    }

    const fusedInto = new Set<string>();
    for (const id of topologicalOrder(document.nodes.map((n) => n.id), document.edges)) {
      const node = nodes.get(id)!;
      if (node.type === "kafka-source") {
        const data = node.data as KafkaSourceData;
        const list = this.sources.get(data.topic) ?? [];
        const watermark = new SourceWatermark(id, data.topic, data.watermarkDelayMs ?? defaultWatermarkDelayMs, data.idleTimeoutMs ?? defaultIdleTimeoutMs);
        list.push({ nodeId: id, decode: createSourceDecoder(id, data), targets: outgoing.get(id)!, watermark });
        this.sources.set(data.topic, list);
      } else if (node.type === "kafka-sink") {
        this.stages.set(id, { kind: "sink", nodeId: id, counters: this.metrics.node(id), encode: createSinkEncoder(node.data as KafkaSinkData) });
      } else if (node.type === "reduce" || node.type === "join") {
        const operator = node.type === "reduce" ? createReduce(id, node.data as ReduceData) : createJoin(id, node.data as JoinData);
        this.statefulOperators.push(operator);
        const stage = { kind: "stateful" as const, operator, counters: this.metrics.node(id), targets: outgoing.get(id)!, inputs: watermarkInputs(id, document, nodes) };
        this.stages.set(id, stage);
        this.statefulOrder.push(stage);
        if (operator.advanceWatermark) this.eventTimeNodes.add(id);
      } else if (!fusedInto.has(id)) {
        // Extend the chain while the current node feeds exactly one stateless node.
        const chain = [id];
        let targets = outgoing.get(id)!;
        while (targets.length === 1 && stateless.has(targets[0]!.nodeId)) {
          const next = targets[0]!.nodeId;
          chain.push(next);
          fusedInto.add(next);
          targets = outgoing.get(next)!;
        }
        this.stages.set(id, { kind: "chain", nodeIds: chain, compose: fuse(chain.map((n) => stateless.get(n)!), this.metrics), targets });
      }
    }
    if (this.eventTimeNodes.size > 0) {
      this.watermarkState = new WatermarkState([...this.sources.values()].flat().map((source) => source.watermark), () => this.clock);
    }
  }

  /** The sources' event-time settings, for naming the watermark changelog (a change starts it afresh). */
  get watermarkConfig(): Record<string, unknown> {
    return Object.fromEntries(
      this.document.nodes.filter((node) => node.type === "kafka-source").map((node) => [node.id, { topic: node.data.topic, timeField: node.data.timeField ?? null, timeFormat: node.data.timeFormat ?? null }]),
    );
  }

  /** Declares the partitions of a source topic the runner reads; each holds the watermark back until it has records or is idle. */
  assign(topic: string, partitions: number[], now = Date.now()): void {
    this.clock = now;
    for (const source of this.sources.get(topic) ?? []) source.watermark.assign(partitions, now);
  }

  /** What a fetch said of a partition: whether the consumer has caught up with its end (needed before it can count as idle). */
  progress(topic: string, partition: number, caughtUp: boolean, now = Date.now()): void {
    this.clock = now;
    for (const source of this.sources.get(topic) ?? []) source.watermark.progress(partition, caughtUp, now);
  }

  /** After state was restored: operators resume from the watermarks they committed. */
  restored(): void {
    for (const stage of this.statefulOrder) {
      const watermark = stage.operator.watermark?.();
      if (watermark !== undefined && Number.isFinite(watermark)) this.metrics.watermark(stage.operator.nodeId, watermark);
    }
  }

  /**
   * Re-evaluates the watermarks without new records (the runner calls it
   * periodically): partitions that became idle stop holding event time back,
   * so windows close and join buffers expire. Returns what that produced.
   */
  tick(now = Date.now()): BatchResult & { advanced: boolean } {
    this.clock = now;
    const result: BatchResult = { messages: [], deadLetters: [] };
    this.metrics.beginBatch();
    const advanced = this.advanceWatermarks(now, result, this.context(result));
    return { ...result, advanced };
  }

  /** The watermark of an event-time node, or null before it has one (telemetry, tests). */
  watermarkOf(nodeId: string): number | null {
    const stage = this.stages.get(nodeId);
    const watermark = stage?.kind === "stateful" ? stage.operator.watermark?.() : undefined;
    return watermark === undefined || !Number.isFinite(watermark) ? null : watermark;
  }

  /** The topics the pipeline's sources read. */
  get sourceTopics(): string[] {
    return [...this.sources.keys()];
  }

  /** The node of a given id, for callers that describe state or metrics. */
  node(nodeId: string): PipelineNode | undefined {
    return this.document.nodes.find((node) => node.id === nodeId);
  }

  /**
   * Decodes and processes one batch of messages from a source topic. After
   * each slice the sources note the slice's event times and the watermarks
   * advance, so lateness is judged against the records before the slice.
   */
  processSourceBatch(topic: string, messages: SourceMessage[], now = Date.now()): BatchResult {
    this.clock = now;
    const result: BatchResult = { messages: [], deadLetters: [] };
    const metrics = this.metrics;
    const context = this.context(result);
    const tracked = this.watermarkState !== null;
    metrics.beginBatch();
    for (let from = 0; from < messages.length; from += sliceSize) {
      const slice = from === 0 && messages.length <= sliceSize ? messages : messages.slice(from, from + sliceSize);
      for (const source of this.sources.get(topic) ?? []) {
        const started = performance.now();
        const counters = metrics.node(source.nodeId);
        const records: StreamRecord[] = [];
        counters.recordsIn += slice.length;
        for (const message of slice) {
          const decoded = source.decode(message, topic);
          if (isDeadLetter(decoded)) context.deadLetter(decoded);
          else {
            metrics.countOut(counters, decoded);
            records.push(decoded);
          }
        }
        metrics.busy(source.nodeId, performance.now() - started, slice.length);
        this.deliverAll(source.targets, records, result, context);
        if (tracked) for (const record of records) source.watermark.observe(record.origin.partition, record.timestamp, now);
      }
      if (tracked) this.advanceWatermarks(now, result, context);
    }
    return result;
  }

  private context(result: BatchResult): OperatorContext {
    const metrics = this.metrics;
    return {
      deadLetter: (letter) => {
        metrics.error(letter.nodeId);
        if (letter.code === "late-record") metrics.late(letter.nodeId);
        result.deadLetters.push(letter);
      },
    };
  }

  /**
   * Moves every event-time operator to the minimum of its inputs' watermarks,
   * upstream first, so what an operator emits on the way reaches the next one
   * before that one's watermark moves past it (as Flink forwards a watermark
   * after the records it released). Returns whether any operator advanced.
   */
  private advanceWatermarks(now: number, result: BatchResult, context: OperatorContext): boolean {
    const output = new Map<string, number | null>();
    for (const sources of this.sources.values()) for (const source of sources) output.set(source.nodeId, source.watermark.watermark(now));
    let advanced = false;
    for (const stage of this.statefulOrder) {
      const operator = stage.operator;
      const input = combineWatermarks(stage.inputs.map((id) => output.get(id) ?? null));
      if (!operator.advanceWatermark) {
        // Not event-time itself (a reduce without a window): its output carries its input's event time on.
        output.set(operator.nodeId, input);
        continue;
      }
      const before = operator.watermark!();
      if (input !== null && input > before) {
        advanced = true;
        const started = performance.now();
        const produced: StreamRecord[] = [];
        operator.advanceWatermark(input, (record) => {
          this.metrics.countOut(stage.counters, record);
          produced.push(record);
        }, context);
        this.metrics.watermark(operator.nodeId, input);
        this.metrics.busy(operator.nodeId, performance.now() - started, 0);
        this.deliverAll(stage.targets, produced, result, context);
      }
      output.set(operator.nodeId, input === null ? null : operator.watermark!());
    }
    return advanced;
  }

  private deliverAll(targets: Target[], records: StreamRecord[], result: BatchResult, context: OperatorContext): void {
    if (records.length === 0) return;
    for (const target of targets) this.deliver(target, records, result, context);
  }

  private deliver(target: Target, records: StreamRecord[], result: BatchResult, context: OperatorContext): void {
    const stage = this.stages.get(target.nodeId)!;
    const metrics = this.metrics;
    const started = performance.now();
    if (stage.kind === "sink") {
      const counters = stage.counters;
      for (const record of records) {
        metrics.countIn(counters, record);
        try {
          result.messages.push(stage.encode(record));
          metrics.countOut(counters, record);
        } catch (error) {
          context.deadLetter({ code: "encode-error", message: error instanceof Error ? error.message : String(error), nodeId: stage.nodeId, origin: record.origin, payload: safeJson(record.fields), timestamp: record.timestamp });
        }
      }
      metrics.busy(stage.nodeId, performance.now() - started, records.length);
      return;
    }
    const produced: StreamRecord[] = [];
    if (stage.kind === "chain") {
      const run = stage.compose((record) => produced.push(record), context);
      for (const record of records) run(record);
      // The chain ran as one loop; its time is shared among its nodes.
      const share = (performance.now() - started) / stage.nodeIds.length;
      for (const id of stage.nodeIds) metrics.busy(id, share, records.length);
    } else {
      const counters = stage.counters;
      for (const record of records) metrics.countIn(counters, record);
      const emit: Emit = (record) => {
        metrics.countOut(counters, record);
        produced.push(record);
      };
      stage.operator.process(records, target.port, emit, context);
      metrics.busy(stage.operator.nodeId, performance.now() - started, records.length);
    }
    this.deliverAll(stage.targets, produced, result, context);
  }
}

/**
 * Composes stateless operators into one function per record. The composition
 * is built once per batch, so records pass through the chain without any
 * allocation of their own.
 */
function fuse(operators: StatelessOperator[], metrics: PipelineMetrics): (emit: Emit, context: OperatorContext) => Emit {
  return (emit, context) => {
    let next: Emit = emit;
    for (let i = operators.length - 1; i >= 0; i--) {
      const operator = operators[i]!;
      const counters = metrics.node(operator.nodeId);
      const downstream = next;
      const out: Emit = (record) => {
        metrics.countOut(counters, record);
        downstream(record);
      };
      next = (record) => {
        metrics.countIn(counters, record);
        operator.apply(record, out, context);
      };
    }
    return next;
  };
}

/**
 * The nodes whose output watermarks make up a stateful node's input
 * watermark: walking its incoming edges back through stateless nodes to the
 * nearest sources or stateful nodes. A join has one per side; a node with N
 * inputs (a union) would have N, and the rule stays the minimum.
 */
function watermarkInputs(nodeId: string, document: PipelineDocument, nodes: Map<string, PipelineNode>): string[] {
  const found = new Set<string>();
  const seen = new Set<string>();
  const visit = (id: string) => {
    for (const edge of document.edges) {
      if (edge.target !== id || seen.has(edge.source)) continue;
      seen.add(edge.source);
      const type = nodes.get(edge.source)?.type;
      if (type === "kafka-source" || type === "reduce" || type === "join") found.add(edge.source);
      else visit(edge.source);
    }
  };
  visit(nodeId);
  return [...found];
}

/** The node types whose operators keep state (and so changelog topics). */
export const statefulNodeTypes = Object.values(nodeTypes)
  .filter((type) => type.embedded.kind === "stateful")
  .map((type) => type.type);
