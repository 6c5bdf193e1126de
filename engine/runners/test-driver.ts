import type { PipelineDocument } from "../graph";
import { requireValidPipeline, validatePipeline } from "../graph";
import type { DeadLetter } from "../runtime/dead-letter";
import { PipelineExecutor, type BatchResult } from "./pipeline-executor";
import type { StateChange } from "../runtime/state-store";
import type { OutgoingMessage, SourceMessage } from "../runtime/stream-record";

/** An input record for the test driver: a value (object → JSON, string → text) and optional key, time and partition. */
export type TestInput = { value: unknown; key?: string | null; timestamp?: number; partition?: number };

type RawInput = TestInput | string | Record<string, unknown>;

/** The changelog the test driver keeps for the sources' per-partition watermarks. */
const watermarkLog = "~watermarks";

/**
 * Runs a pipeline with no broker, like Kafka Streams' TopologyTestDriver:
 * records are piped into source topics, sink output and dead letters are
 * collected, and time is a fake clock (record timestamps). `restart()`
 * rebuilds the pipeline from its changelogs, as the engine does after a crash.
 *
 * Topics have partitions (1 unless `partitions` says more, or a record names
 * a higher one). `append` only writes records to a topic's partitions, as a
 * producer would; `consume` reads a partition's next records as one batch, as
 * the runner's consumer would, so a test can choose any interleaving of
 * partitions and any batching. `pipe` does both. A partition is caught up
 * when all its records were consumed; `advance` moves the clock, so a
 * caught-up partition without records for its source's idle timeout becomes
 * idle, and the watermarks advance as they would on the runner's timer.
 */
export class TestDriver {
  readonly output: OutgoingMessage[] = [];
  readonly deadLetters: DeadLetter[] = [];
  private executor: PipelineExecutor;
  private readonly changelogs = new Map<string, StateChange[]>();
  private readonly nextOffset = new Map<string, number>();
  /** Per topic and partition: the appended records not consumed yet. */
  private readonly queued = new Map<string, Map<number, SourceMessage[]>>();
  private clock: number;

  constructor(
    private readonly document: PipelineDocument,
    options: { startTime?: number; partitions?: Record<string, number> } = {},
  ) {
    const validation = validatePipeline(document);
    if (!validation.ok) throw new Error(`The test pipeline is invalid: ${validation.problems.map((p) => p.message).join("; ")}`);
    this.clock = options.startTime ?? 1_700_000_000_000;
    this.executor = new PipelineExecutor(validation.document);
    for (const topic of this.executor.sourceTopics) {
      const partitions = new Map<number, SourceMessage[]>();
      for (let p = 0; p < (options.partitions?.[topic] ?? 1); p++) partitions.set(p, []);
      this.queued.set(topic, partitions);
    }
    this.assignAll();
  }

  /** The current fake time: the timestamp the next record gets unless it brings its own. */
  get now(): number {
    return this.clock;
  }

  /** Moves the fake clock on, then lets the watermarks advance (idle partitions stop holding them back). */
  advance(ms: number): void {
    this.clock += ms;
    this.tick();
  }

  /** Re-evaluates the watermarks at the current time, as the runner's timer does. */
  tick(): void {
    const result = this.executor.tick(this.clock);
    this.collect(result);
  }

  /** Pipes records into a topic: appends them, then consumes each partition's new records as one batch, in partition order. */
  pipe(topic: string, inputs: RawInput[]): void {
    const partitions = this.append(topic, inputs);
    for (const partition of [...partitions].sort((a, b) => a - b)) this.consume(topic, partition);
  }

  /** Writes records to a topic's partitions without consuming them; returns the partitions written to. */
  append(topic: string, inputs: RawInput[]): Set<number> {
    const written = new Set<number>();
    for (const raw of inputs) {
      const input: TestInput = typeof raw === "string" || !("value" in raw) ? { value: raw } : (raw as TestInput);
      const partition = input.partition ?? 0;
      const offsetKey = `${topic}:${partition}`;
      const offset = this.nextOffset.get(offsetKey) ?? 0;
      this.nextOffset.set(offsetKey, offset + 1);
      const timestamp = input.timestamp ?? this.clock++;
      const value = input.value === null ? null : Buffer.from(typeof input.value === "string" ? input.value : JSON.stringify(input.value));
      this.partitionQueue(topic, partition).push({ key: input.key ? Buffer.from(input.key) : null, value, timestamp, partition, offset: String(offset) });
      written.add(partition);
    }
    this.reportProgress(topic);
    return written;
  }

  /** Consumes up to `max` of a partition's appended records as one batch, then commits the state changes. */
  consume(topic: string, partition: number, max = Number.POSITIVE_INFINITY): void {
    const queue = this.partitionQueue(topic, partition);
    const messages = queue.splice(0, Math.min(queue.length, max));
    if (messages.length === 0) return;
    // The fetch that brought the batch also said whether the partition is now caught up.
    this.executor.progress(topic, partition, queue.length === 0, this.clock);
    this.collect(this.executor.processSourceBatch(topic, messages, this.clock));
  }

  /** How many appended records of a topic (or one of its partitions) are not consumed yet. */
  backlog(topic: string, partition?: number): number {
    let count = 0;
    for (const [p, queue] of this.queued.get(topic) ?? []) if (partition === undefined || p === partition) count += queue.length;
    return count;
  }

  /** The decoded values written to a topic, in order. */
  values(topic: string): Record<string, unknown>[] {
    return this.output.filter((m) => m.topic === topic).map((m) => JSON.parse(String(m.value)) as Record<string, unknown>);
  }

  /** The latest value per message key in a topic: what a compacted topic or a table would hold. */
  latestByKey(topic: string): Map<string | null, Record<string, unknown>> {
    const latest = new Map<string | null, Record<string, unknown>>();
    for (const m of this.output.filter((o) => o.topic === topic)) latest.set(m.key, JSON.parse(String(m.value)) as Record<string, unknown>);
    return latest;
  }

  /** Simulates a crash and restart: a fresh executor whose state comes only from the changelogs. */
  restart(): void {
    this.executor = new PipelineExecutor(requireValidPipeline(this.document));
    for (const operator of this.executor.statefulOperators) {
      for (const change of this.changelogs.get(operator.nodeId) ?? []) operator.state.restore(change);
      operator.restored?.();
    }
    for (const change of this.changelogs.get(watermarkLog) ?? []) this.executor.watermarkState?.restore(change);
    this.executor.restored();
    this.assignAll();
  }

  /** Number of entries in a stateful node's state (for checking that state is cleaned up). */
  stateSize(nodeId: string): number {
    return this.executor.statefulOperators.find((o) => o.nodeId === nodeId)?.state.size ?? 0;
  }

  /** An event-time node's watermark, or null before it has one. */
  watermark(nodeId: string): number | null {
    return this.executor.watermarkOf(nodeId);
  }

  /** The executor's per-node metrics (late records, watermarks). */
  get metrics() {
    return this.executor.metrics;
  }

  /** Every consume and tick is one commit: held output (a reduce emitting per commit) is flushed into it first. */
  private collect(result: BatchResult): void {
    const flushed = this.executor.flush(this.clock);
    this.output.push(...result.messages, ...flushed.messages);
    this.deadLetters.push(...result.deadLetters, ...flushed.deadLetters);
    for (const operator of this.executor.statefulOperators) this.log(operator.nodeId, operator.state.takeChanges());
    if (this.executor.watermarkState) this.log(watermarkLog, this.executor.watermarkState.takeChanges());
  }

  private log(name: string, changes: StateChange[]): void {
    const log = this.changelogs.get(name) ?? [];
    log.push(...changes);
    this.changelogs.set(name, log);
  }

  private assignAll(): void {
    for (const [topic, partitions] of this.queued) {
      this.executor.assign(topic, [...partitions.keys()], this.clock);
      this.reportProgress(topic);
    }
  }

  private reportProgress(topic: string): void {
    for (const [partition, queue] of this.queued.get(topic) ?? []) this.executor.progress(topic, partition, queue.length === 0, this.clock);
  }

  private partitionQueue(topic: string, partition: number): SourceMessage[] {
    let partitions = this.queued.get(topic);
    if (!partitions) this.queued.set(topic, (partitions = new Map()));
    // A record on a higher partition than declared: the partitions below it exist too.
    for (let p = partitions.size; p <= partition; p++) {
      partitions.set(p, []);
      this.executor.assign(topic, [p], this.clock);
    }
    return partitions.get(partition)!;
  }
}
