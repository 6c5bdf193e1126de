import { operatorOf, topologicalOrder, type ValidNode, type ValidPipeline } from "../graph";
import type { SourceDecoder } from "../operators/operator-module";
import { isDeadLetter } from "../operators/kafka-source/embedded";
import { safeJson } from "../operators/shared/compile-node-expression";
import type { DeadLetter } from "../runtime/dead-letter";
import { PipelineMetrics, type NodeCounters } from "../runtime/pipeline-metrics";
import type { Emit, InputPortName, OperatorContext, StatefulOperator, StatelessOperator } from "../runtime/operator";
import type { OutgoingMessage, SourceMessage, StreamRecord } from "../runtime/stream-record";
import { combineWatermarks, SourceWatermark, WatermarkState } from "../runtime/watermark-tracker";
import type { RegistryCodec } from "../formats/registry-codec";
import { noFormats, type ExecutorFormats } from "../formats/executor-formats";
export type { ExecutorFormats };
import { schemaIdsOf } from "../formats/wire-format";

/** Where an edge delivers: the target node, its input port, and the output of the source node it leaves (null: the single output). */
type Target = { nodeId: string; port: InputPortName; output: string | null };

/** How records reach a node: a fused run of stateless operators, a stateful operator, or a sink. */
type Stage =
  | { kind: "chain"; nodeIds: string[]; compose: (emit: Emit, context: OperatorContext) => Emit; targets: Target[]; routed: boolean }
  | { kind: "stateful"; operator: StatefulOperator; counters: NodeCounters; targets: Target[]; inputs: string[]; routed: boolean }
  /** `encode` null: a disabled sink, which counts what reaches it and writes nothing. */
  | { kind: "sink"; nodeId: string; counters: NodeCounters; encode: ((record: StreamRecord) => OutgoingMessage) | null };

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
 * and writes what it returns. Each node runs as its operator's embedded part
 * says (engine/operators/<type>/): a source decoder, a stateless function per
 * record, a stateful operator or a sink encoder; a disabled node passes its
 * records through unchanged (fused like a stateless operator), or, a disabled
 * sink, writes nothing. Consecutive stateless
 * operators are fused into one function per record. Every operator's expressions are compiled here, so
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
  private readonly sources = new Map<string, { nodeId: string; decode: SourceDecoder; targets: Target[]; watermark: SourceWatermark; fromBeginning: boolean; eventTime: Record<string, unknown>; codec: RegistryCodec | null }[]>();
  /** The topics the sinks write. */
  readonly sinkTopics: string[] = [];
  /** Stateful stages in topological order: watermarks advance through them upstream first. */
  private readonly statefulOrder: Extract<Stage, { kind: "stateful" }>[] = [];
  /** A source decodes or a sink encodes through the Schema Registry (its schema cache lives in this executor). */
  private usesRegistry = false;
  /** The runner's clock at the last call that gave one: for restoring and idleness. */
  private clock = Date.now();
  /** When the watermarks were last evaluated: idle deadlines after it are applied in order. */
  private evaluatedAt = Number.NEGATIVE_INFINITY;

  constructor(
    readonly document: ValidPipeline,
    formats: ExecutorFormats = noFormats,
  ) {
    this.metrics = new PipelineMetrics(document.nodes.map((node) => node.id));
    const nodes = new Map(document.nodes.map((node) => [node.id, node]));
    const outgoing = new Map<string, Target[]>(document.nodes.map((node) => [node.id, []]));
    const incoming = new Map<string, number>();
    for (const edge of document.edges) {
      outgoing.get(edge.source)!.push({ nodeId: edge.target, port: edge.targetHandle ?? "in", output: edge.sourceHandle ?? null });
      incoming.set(edge.target, (incoming.get(edge.target) ?? 0) + 1);
    }

    const stateless = new Map<string, StatelessOperator>();
    /** Nodes with named outputs: their records go only to the edges of the output they were emitted on. */
    const routed = new Set<string>();
    for (const node of document.nodes) {
      if (node.disabled) {
        if (node.effect === "pass-through") stateless.set(node.id, passThrough(node.id));
        continue;
      }
      const operator = operatorOf(node.type);
      if (operator.outputs.kind === "named") routed.add(node.id);
      if (operator.embedded.kind === "stateless") stateless.set(node.id, operator.embedded.create(node.id, node.data));
    }

    const fusedInto = new Set<string>();
    for (const id of topologicalOrder(document.nodes.map((n) => n.id), document.edges)) {
      const node = nodes.get(id)!;
      if (node.disabled) {
        if (node.effect === "write-nothing") this.stages.set(id, { kind: "sink", nodeId: id, counters: this.metrics.node(id), encode: null });
        else if (!fusedInto.has(id)) this.stages.set(id, this.chainFrom(id, outgoing, incoming, stateless, routed, fusedInto));
        continue;
      }
      const embedded = operatorOf(node.type).embedded;
      if (embedded.kind === "source") {
        const topic = embedded.topic(node.data);
        const time = embedded.eventTime(node.data);
        const list = this.sources.get(topic) ?? [];
        const watermark = new SourceWatermark(id, topic, time.delayMs, time.idleTimeoutMs);
        const codec = embedded.codec(node.data, formats);
        if (codec) this.usesRegistry = true;
        list.push({ nodeId: id, decode: embedded.create(id, node.data, codec), targets: outgoing.get(id)!, watermark, fromBeginning: embedded.fromBeginning(node.data), eventTime: time.config, codec });
        this.sources.set(topic, list);
      } else if (embedded.kind === "sink") {
        this.sinkTopics.push(embedded.topic(node.data));
        const registered = formats.sinks.find((sink) => sink.nodeId === id);
        if (registered) this.usesRegistry = true;
        this.stages.set(id, { kind: "sink", nodeId: id, counters: this.metrics.node(id), encode: embedded.create(id, node.data, registered) });
      } else if (embedded.kind === "stateful") {
        const operator = embedded.create(id, node.data);
        this.statefulOperators.push(operator);
        const stage = { kind: "stateful" as const, operator, counters: this.metrics.node(id), targets: outgoing.get(id)!, inputs: watermarkInputs(id, document, nodes), routed: routed.has(id) };
        this.stages.set(id, stage);
        this.statefulOrder.push(stage);
        if (operator.advanceWatermark) this.eventTimeNodes.add(id);
      } else if (!fusedInto.has(id)) {
        this.stages.set(id, this.chainFrom(id, outgoing, incoming, stateless, routed, fusedInto));
      }
    }
    if (this.eventTimeNodes.size > 0) {
      this.watermarkState = new WatermarkState([...this.sources.values()].flat().map((source) => source.watermark), () => this.clock);
    }
  }

  /**
   * The chain of stateless operators starting at `id`: extended while the current node feeds
   * exactly one stateless node that has no other input, and stopped after a node with named
   * outputs (its records are sorted by output at the end of the chain).
   */
  private chainFrom(id: string, outgoing: Map<string, Target[]>, incoming: Map<string, number>, stateless: Map<string, StatelessOperator>, routed: Set<string>, fusedInto: Set<string>): Stage {
    const chain = [id];
    let targets = outgoing.get(id)!;
    while (!routed.has(chain.at(-1)!) && targets.length === 1 && stateless.has(targets[0]!.nodeId) && incoming.get(targets[0]!.nodeId) === 1) {
      const next = targets[0]!.nodeId;
      chain.push(next);
      fusedInto.add(next);
      targets = outgoing.get(next)!;
    }
    return { kind: "chain", nodeIds: chain, compose: fuse(chain.map((n) => stateless.get(n)!), this.metrics), targets, routed: routed.has(chain.at(-1)!) };
  }

  /**
   * Whether each batch can be processed on its own, in any executor built
   * from the same document: no operator keeps state, none works on event
   * time, and no source or sink goes through the Schema Registry (whose
   * schema cache is per executor). Such a pipeline can process its batches on
   * worker threads (ProcessingThreads) while this thread does the Kafka I/O.
   */
  get independentBatches(): boolean {
    return this.statefulOperators.length === 0 && this.watermarkState === null && !this.usesRegistry;
  }

  /** The sources' event-time settings, for naming the watermark changelog (a change starts it afresh). */
  get watermarkConfig(): Record<string, unknown> {
    return Object.fromEntries([...this.sources.values()].flat().map((source) => [source.nodeId, source.eventTime]));
  }

  /** Per source topic: whether a consumer without committed offsets starts from the beginning (any source on it asking for the earliest). */
  get subscriptions(): { topic: string; fromBeginning: boolean }[] {
    return [...this.sources].map(([topic, sources]) => ({ topic, fromBeginning: sources.some((source) => source.fromBeginning) }));
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

  /** Whether any operator holds output back for the commit (then the runner calls `flush` when a commit starts). */
  get holdsOutput(): boolean {
    return this.statefulOrder.some((stage) => stage.operator.flush !== undefined);
  }

  /**
   * A commit starts: operators that hold output back for it (a reduce with
   * `emit: "commit"`) emit it now, upstream first, so what one releases reaches
   * the next before that one flushes. Returns what reached the sinks; the
   * runner writes it in the same commit, before it takes the state changes.
   */
  flush(now = Date.now()): BatchResult {
    this.clock = now;
    const result: BatchResult = { messages: [], deadLetters: [] };
    if (!this.holdsOutput) return result;
    const context = this.context(result);
    this.metrics.beginBatch();
    for (const stage of this.statefulOrder) {
      const operator = stage.operator;
      if (!operator.flush) continue;
      const started = performance.now();
      const produced: StreamRecord[] = [];
      const byOutput = new Map<string | null, StreamRecord[]>();
      operator.flush((record, output) => {
        this.metrics.countOut(stage.counters, record);
        if (!stage.routed) produced.push(record);
        else {
          const list = byOutput.get(output ?? null);
          if (list) list.push(record);
          else byOutput.set(output ?? null, [record]);
        }
      }, context);
      this.metrics.busy(operator.nodeId, performance.now() - started, 0);
      // In slices, as a source batch flows, so the records of a large flush die young.
      if (!stage.routed) {
        for (let from = 0; from < produced.length; from += sliceSize) this.deliverAll(stage.targets, produced.slice(from, from + sliceSize), result, context);
      } else {
        for (const next of stage.targets) {
          const list = byOutput.get(next.output);
          if (list && list.length > 0) this.deliver(next, list, result, context);
        }
      }
    }
    return result;
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
  node(nodeId: string): ValidNode | undefined {
    return this.document.nodes.find((node) => node.id === nodeId);
  }

  /**
   * Fetches the registry schemas a batch refers to that are not cached yet,
   * so that `processSourceBatch` decodes synchronously. Resolves at once for
   * a batch without registry formats or whose schemas are all known.
   */
  async prepareSourceBatch(topic: string, messages: SourceMessage[]): Promise<void> {
    for (const source of this.sources.get(topic) ?? []) {
      if (!source.codec) continue;
      const ids = schemaIdsOf(messages.map((message) => message.value));
      if (!source.codec.ready(ids)) await source.codec.prefetch(ids);
    }
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
    const deadlines = new Set<number>();
    for (const sources of this.sources.values()) for (const source of sources) for (const at of source.watermark.idleDeadlines(this.evaluatedAt, now)) deadlines.add(at);
    let advanced = false;
    for (const at of [...deadlines].sort((a, b) => a - b)) if (at < now && this.advanceWatermarksAt(at, result, context)) advanced = true;
    if (this.advanceWatermarksAt(now, result, context)) advanced = true;
    this.evaluatedAt = now;
    return advanced;
  }

  private advanceWatermarksAt(now: number, result: BatchResult, context: OperatorContext): boolean {
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
        if (stage.encode === null) continue;
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
    if (stage.routed) return this.deliverRouted(stage, target, records, started, result, context);
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

  /** As deliver, for a stage ending in a node with named outputs: each record goes to the edges of its output. */
  private deliverRouted(stage: Exclude<Stage, { kind: "sink" }>, target: Target, records: StreamRecord[], started: number, result: BatchResult, context: OperatorContext): void {
    const metrics = this.metrics;
    const byOutput = new Map<string | null, StreamRecord[]>();
    const collect = (record: StreamRecord, output?: string) => {
      const key = output ?? null;
      const list = byOutput.get(key);
      if (list) list.push(record);
      else byOutput.set(key, [record]);
    };
    if (stage.kind === "chain") {
      const run = stage.compose(collect, context);
      for (const record of records) run(record);
      const share = (performance.now() - started) / stage.nodeIds.length;
      for (const id of stage.nodeIds) metrics.busy(id, share, records.length);
    } else {
      const counters = stage.counters;
      for (const record of records) metrics.countIn(counters, record);
      stage.operator.process(records, target.port, (record, output) => {
        metrics.countOut(counters, record);
        collect(record, output);
      }, context);
      metrics.busy(stage.operator.nodeId, performance.now() - started, records.length);
    }
    for (const next of stage.targets) {
      const list = byOutput.get(next.output);
      if (list && list.length > 0) this.deliver(next, list, result, context);
    }
  }
}

/** A disabled node with one input and one output: every record goes on unchanged. */
function passThrough(nodeId: string): StatelessOperator {
  return { kind: "stateless", nodeId, apply: (record, emit) => emit(record) };
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
      const out: Emit = (record, output) => {
        metrics.countOut(counters, record);
        downstream(record, output);
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
function watermarkInputs(nodeId: string, document: ValidPipeline, nodes: Map<string, ValidNode>): string[] {
  const found = new Set<string>();
  const seen = new Set<string>();
  const visit = (id: string) => {
    for (const edge of document.edges) {
      if (edge.target !== id || seen.has(edge.source)) continue;
      seen.add(edge.source);
      const node = nodes.get(edge.source);
      // A disabled node passes records (and so their event time) through, as a stateless one does.
      const kind = !node || node.disabled ? null : operatorOf(node.type).embedded.kind;
      if (kind === "source" || kind === "stateful") found.add(edge.source);
      else visit(edge.source);
    }
  };
  visit(nodeId);
  return [...found];
}
