import type { PipelineDocument } from "../graph";
import { validatePipeline } from "../graph";
import type { DeadLetter } from "../runtime/dead-letter";
import { PipelineExecutor } from "../runtime/pipeline-executor";
import type { StateChange } from "../runtime/state-store";
import type { OutgoingMessage, SourceMessage } from "../runtime/stream-record";

/** An input record for the test driver: a value (object → JSON, string → text) and optional key, time and partition. */
export type TestInput = { value: unknown; key?: string | null; timestamp?: number; partition?: number };

/**
 * Runs a pipeline with no broker, like Kafka Streams' TopologyTestDriver:
 * records are piped into source topics, sink output and dead letters are
 * collected, and time is a fake clock (record timestamps). `restart()`
 * rebuilds the pipeline from its changelogs, as the engine does after a crash.
 */
export class TestDriver {
  readonly output: OutgoingMessage[] = [];
  readonly deadLetters: DeadLetter[] = [];
  private executor: PipelineExecutor;
  private readonly changelogs = new Map<string, StateChange[]>();
  private readonly nextOffset = new Map<string, number>();
  private clock: number;

  constructor(
    private readonly document: PipelineDocument,
    options: { startTime?: number } = {},
  ) {
    const validation = validatePipeline(document);
    if (!validation.ok) throw new Error(`The test pipeline is invalid: ${validation.problems.map((p) => p.message).join("; ")}`);
    this.clock = options.startTime ?? 1_700_000_000_000;
    this.executor = new PipelineExecutor(validation.document);
  }

  /** The current fake time: the timestamp the next record gets unless it brings its own. */
  get now(): number {
    return this.clock;
  }

  advance(ms: number): void {
    this.clock += ms;
  }

  /** Pipes records into a topic as one batch (per partition), then commits the state changes. */
  pipe(topic: string, inputs: (TestInput | string | Record<string, unknown>)[]): void {
    const byPartition = new Map<number, SourceMessage[]>();
    for (const raw of inputs) {
      const input: TestInput = typeof raw === "string" || !("value" in raw) ? { value: raw } : (raw as TestInput);
      const partition = input.partition ?? 0;
      const offsetKey = `${topic}:${partition}`;
      const offset = this.nextOffset.get(offsetKey) ?? 0;
      this.nextOffset.set(offsetKey, offset + 1);
      const timestamp = input.timestamp ?? this.clock++;
      const value = input.value === null ? null : Buffer.from(typeof input.value === "string" ? input.value : JSON.stringify(input.value));
      const list = byPartition.get(partition) ?? [];
      list.push({ key: input.key ? Buffer.from(input.key) : null, value, timestamp, partition, offset: String(offset) });
      byPartition.set(partition, list);
    }
    for (const messages of byPartition.values()) {
      const result = this.executor.processSourceBatch(topic, messages);
      this.output.push(...result.messages);
      this.deadLetters.push(...result.deadLetters);
      for (const operator of this.executor.statefulOperators) {
        const log = this.changelogs.get(operator.nodeId) ?? [];
        log.push(...operator.state.takeChanges());
        this.changelogs.set(operator.nodeId, log);
      }
    }
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
    this.executor = new PipelineExecutor(this.document);
    for (const operator of this.executor.statefulOperators) {
      for (const change of this.changelogs.get(operator.nodeId) ?? []) operator.state.restore(change);
      operator.restored?.();
    }
  }

  /** Number of entries in a stateful node's state (for checking that state is cleaned up). */
  stateSize(nodeId: string): number {
    return this.executor.statefulOperators.find((o) => o.nodeId === nodeId)?.state.size ?? 0;
  }
}
