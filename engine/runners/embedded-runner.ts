import { requireValidPipeline, type PipelineDocument } from "../graph";
import type { StreamClient, StreamConsumer, StreamProducer, ConsumedBatch, FetchProgress } from "../kafka/stream-client";
import { deadLetterHeaders, type DeadLetter } from "../runtime/dead-letter";
import { PipelineExecutor, type BatchResult } from "./pipeline-executor";
import type { ExecutorFormats } from "../formats/executor-formats";
import type { OperatorState } from "../runtime/state-store";
import type { OutgoingMessage } from "../runtime/stream-record";
import { resolveStartOffsets, type PendingStart } from "./start-position";
import { ProcessingThreads } from "./processing-threads";
import { deploymentNames } from "./deployment-names";
import { defaultPendingOutputMb } from "./pending-output-limit";
import { describeActivity, idleSince, partitionsBehind, stalledCommitSeconds, stallLimits, type PartitionOffsets } from "./stall-check";

export type DeliveryGuarantee = "exactly-once" | "at-least-once";

export type RunnerOptions = {
  /** Identifies the deployment's Kafka resources: consumer group, transactional id and changelog topics. */
  pipelineId: string;
  /** Bumped by a "reset" deploy: a new generation starts with fresh offsets and state. */
  generation: number;
  document: PipelineDocument;
  guarantee: DeliveryGuarantee;
  deadLetterTopic: string;
  client: StreamClient;
  /** Replay: where the sources start instead of the committed offsets, applied once before the first read. */
  start?: PendingStart;
  /** Schema Registry codecs and registered sink schemas, for avro/protobuf/json-schema nodes (engine/formats). */
  formats?: ExecutorFormats;
  /** While more output than this (bytes) waits for a commit, the consumer waits too (default `maxPendingBytes`; `pendingOutputLimit()`). */
  maxPendingBytes?: number;
  /** The stall check's bounds (default `stallLimits`); shorter in tests. */
  stallLimits?: Partial<typeof stallLimits>;
  /**
   * Worker threads that process the batches while this thread fetches,
   * commits and produces (`processingThreadsSetting()`); 0 or absent: this
   * thread processes them. Used only for a pipeline whose batches are
   * independent (`PipelineExecutor.independentBatches`: no state, no event
   * time, no Schema Registry); other pipelines ignore it.
   */
  processingThreads?: number;
};

/** Counters the runner keeps since it started. */
export type RunnerCounters = { recordsIn: number; recordsOut: number; deadLetters: number; batches: number; lastBatchAt: number | null };

/** Offsets of a source partition: the next offset to read. */
type NextOffset = { topic: string; partition: number; offset: string };

/** What was processed and not yet committed: it goes out in the next commit (one transaction in exactly-once mode). */
type Pending = {
  /** Batches on processing threads, in the order they were fetched: awaited in that order when the commit starts. */
  processing: Promise<BatchResult>[];
  messages: OutgoingMessage[];
  letters: OutgoingMessage[];
  bytes: number;
  offsets: Map<string, NextOffset>;
  recordsIn: number;
  batches: number;
  /** A watermark advanced without new input (an idle partition): its output and state must commit too. */
  advanced: boolean;
};

const emptyPending = (): Pending => ({ processing: [], messages: [], letters: [], bytes: 0, offsets: new Map(), recordsIn: 0, batches: 0, advanced: false });

/** Batches in flight per processing thread before the consumer waits: enough to keep a thread busy while the next batch is fetched. */
const threadBacklog = 2;

/** The longest the runner waits before re-evaluating watermarks without new records (idle partitions). */
const maxTickMs = 1_000;

/** While this much output waits for a commit, the consumer waits too, so memory stays bounded (the default; RunnerOptions.maxPendingBytes). */
export const maxPendingBytes = defaultPendingOutputMb * 1024 * 1024;

/**
 * Runs one pipeline on Kafka inside this process. Exactly-once: consumed
 * batches are processed, and their output, dead letters, state changes (to
 * compacted changelog topics) and consumer offsets are written in one Kafka
 * transaction. At-least-once: the same writes without a transaction, then the
 * offsets are committed. On any error the runner stops; its supervisor starts
 * a fresh one, which restores state from the changelogs and continues from the
 * committed offsets, so nothing uncommitted is ever seen downstream.
 *
 * Commits are pipelined: a batch is processed as soon as it arrives and joins
 * the next commit; while one commit is in flight the batches that arrive
 * gather for the one after it. A lone batch commits at once (low latency), and
 * under load each transaction carries every partition's batches of one or more
 * fetches (high throughput). State changes are taken when a commit starts, so
 * a key updated many times in between is written to its changelog once.
 */
export class EmbeddedRunner {
  readonly counters: RunnerCounters = { recordsIn: 0, recordsOut: 0, deadLetters: 0, batches: 0, lastBatchAt: null };
  private readonly executor: PipelineExecutor;
  private readonly names: ReturnType<typeof deploymentNames>;
  /** Every piece of state with its changelog topic: the stateful operators', and the sources' per-partition watermarks. */
  private readonly changelogs: { topic: string; state: OperatorState; restored?: () => void }[];
  private ticker: ReturnType<typeof setInterval> | null = null;
  private watchdog: ReturnType<typeof setInterval> | null = null;
  /** When the commit in flight started. */
  private commitStartedAt: number | null = null;
  private checkingStall = false;
  /** What the last stall check found, for describeActivity. */
  private lastStallCheck: { at: number; found: string } | null = null;
  /** The next offset to read per source partition, as far as this runner has processed (for caught-up checks). */
  private readonly positions = new Map<string, bigint>();
  private pollingProgress = false;
  /** Source topics read from their beginning when the group has no committed offset (the others start at their end). */
  private readonly fromBeginning = new Set<string>();
  private consumer: StreamConsumer | null = null;
  private producer: StreamProducer | null = null;
  /** The processing threads, when the options ask for them and the pipeline allows (RunnerOptions.processingThreads). */
  private threads: ProcessingThreads | null = null;
  /** The last batches sent to the processing threads (backpressure: at most `threadBacklog` per thread in flight). */
  private readonly sent: Promise<unknown>[] = [];
  private stopped = false;
  private pending: Pending = emptyPending();
  private committing: Promise<void> | null = null;
  /** At-least-once: offsets whose writes are acknowledged, waiting for the commit in flight to end. */
  private readonly uncommittedOffsets = new Map<string, NextOffset>();
  private committingOffsets: Promise<void> | null = null;
  /** The batch being handled, if any: stop() lets it finish and commits it before the consumer leaves. */
  private handling: Promise<void> | null = null;
  private failure: Error | null = null;
  private crashed: (error: Error) => void = () => {};

  constructor(private readonly options: RunnerOptions) {
    this.executor = new PipelineExecutor(requireValidPipeline(options.document), options.formats);
    this.names = deploymentNames(options.pipelineId, options.generation);
    this.changelogs = this.executor.statefulOperators.map((operator) => {
      const node = this.executor.node(operator.nodeId)!;
      return { topic: this.names.changelogTopic(node.id, node.type, node.data), state: operator.state, restored: operator.restored };
    });
    const watermarks = this.executor.watermarkState;
    if (watermarks) this.changelogs.push({ topic: this.names.changelogTopic("watermarks", "watermarks", this.executor.watermarkConfig), state: watermarks });
  }

  /** The consumer group the runner commits to (for lag). */
  get groupId(): string {
    return this.names.groupId;
  }

  get sourceTopics(): string[] {
    return this.executor.sourceTopics;
  }

  /**
   * Creates missing topics, restores operator state, fences any older instance
   * and starts consuming. Resolves once records are flowing; `crashed` is
   * called if the runner fails later.
   */
  async start(crashed: (error: Error) => void): Promise<void> {
    this.crashed = crashed;
    const { client, document, guarantee } = this.options;
    const sinkTopics = this.executor.sinkTopics;
    await client.ensureTopics([
      ...this.executor.sourceTopics.map((topic) => ({ topic })),
      ...sinkTopics.map((topic) => ({ topic })),
      { topic: this.options.deadLetterTopic },
      ...this.changelogs.map(({ topic }) => ({ topic, partitions: 1, compacted: true })),
    ]);

    // The producer first: a transactional init fences a zombie with the same id before we read its state.
    this.producer = client.producer({ transactionalId: guarantee === "exactly-once" ? this.names.transactionalId : undefined });
    await this.producer.connect();

    for (const { topic, state, restored } of this.changelogs) {
      for (const entry of await client.readToEnd(topic)) {
        if (entry.key !== null) state.restore({ key: entry.key, value: entry.value });
      }
      state.discardChanges();
      restored?.();
    }
    this.executor.restored();
    const threadCount = this.options.processingThreads ?? 0;
    if (threadCount > 0 && this.executor.independentBatches && !this.stopped) {
      this.threads = await ProcessingThreads.start(this.options.document, threadCount);
      // stop() may have run meanwhile, before there were threads to close.
      if (this.stopped) await this.threads.close();
    }
    if (this.stopped) return;

    const subscriptions = this.executor.subscriptions;
    for (const { topic, fromBeginning } of subscriptions) if (fromBeginning) this.fromBeginning.add(topic);
    if (this.options.start && !this.options.start.applied) await this.applyStart(this.options.start);
    this.consumer = client.consumer({ groupId: this.names.groupId });
    await this.consumer.subscribe(subscriptions);
    if (this.executor.watermarkState) {
      // Every partition of a source topic holds the watermark back until it has records or is idle.
      for (const topic of this.executor.sourceTopics) {
        const partitions = await client.offsets(topic, this.names.groupId);
        this.executor.assign(topic, partitions.map((p) => p.partition));
      }
      await this.pollProgress();
      // stop() may have run during the awaits above; a timer (or consumer) started after it would never be stopped.
      if (this.stopped) {
        await this.consumer.stop();
        return;
      }
      const timeouts = this.executor.watermarkState.sources.map((source) => source.idleTimeoutMs).filter((ms) => ms > 0);
      this.ticker = setInterval(() => this.tick(), Math.max(50, Math.min(maxTickMs, ...timeouts.map((ms) => ms / 4))));
    }
    // A consumer that fails (a rebalance included) fails the runner at once, so no batch is handled after it.
    const consumerFailed = (error: Error) => {
      this.failure ??= error;
      crashed(error);
    };
    this.watchdog = setInterval(() => void this.checkStalled(Date.now()).then((error) => error && consumerFailed(error)), this.limits.checkEveryMs);
    await this.consumer.run((batch) => this.handle(batch), consumerFailed, (progress) => this.fetched(progress));
  }

  /**
   * Replay: commits the start offsets for this deployment's group before the
   * consumer joins it, in a transaction of the fenced producer in exactly-once
   * mode, so the first read starts there and everything after is as usual.
   */
  private async applyStart(start: PendingStart): Promise<void> {
    const offsets = await resolveStartOffsets(this.options.client, this.executor.sourceTopics, start.position);
    if (offsets.length > 0 && this.options.guarantee === "exactly-once") await this.producer!.transaction(async () => {}, { groupId: this.names.groupId, offsets });
    else if (offsets.length > 0) await this.options.client.setGroupOffsets(this.names.groupId, offsets);
    await start.markApplied();
  }

  /**
   * Stops taking batches, commits everything processed (unless the runner
   * failed) and only then disconnects: at-least-once commits its offsets
   * through the consumer, so a consumer that left first would drop the last
   * commit and the next deploy would replay those records.
   */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.ticker) clearInterval(this.ticker);
    if (this.watchdog) clearInterval(this.watchdog);
    // A batch already past its `stopped` check would otherwise schedule its commit after ours, over a
    // consumer that is leaving: its output written, its offsets not, so the next deploy counted it twice.
    await this.handling?.catch(() => undefined);
    if (!this.failure) {
      this.scheduleCommit();
      // A commit that ends starts the next one for what piled up behind it: wait for all of them.
      while (this.committing && !this.failure) await this.committing.catch(() => undefined);
    }
    try {
      await this.committingOffsets;
      await this.consumer?.stop();
      await this.producer?.disconnect();
    } finally {
      // Worker threads would keep the process alive, and their executors' memory, whatever failed above.
      await this.threads?.close();
    }
  }

  private async handle(batch: ConsumedBatch): Promise<void> {
    if (this.failure) throw this.failure;
    // Stopping: leave the batch uncommitted; the next deployment reads it again.
    if (this.stopped) return;
    const handling = this.handleBatch(batch);
    this.handling = handling;
    try {
      await handling;
    } finally {
      if (this.handling === handling) this.handling = null;
    }
  }

  private async handleBatch(batch: ConsumedBatch): Promise<void> {
    const next = BigInt(batch.messages.at(-1)!.offset) + 1n;
    const now = Date.now();
    if (batch.highWatermark !== undefined) this.executor.progress(batch.topic, batch.partition, next >= BigInt(batch.highWatermark), now);
    this.positions.set(`${batch.partition}:${batch.topic}`, next);
    const pending = this.pending;
    if (this.threads) {
      const processing = this.threads.process(batch.topic, batch.messages, now);
      // Fails the runner at once (the commit awaiting it would too, later); also marks the rejection handled.
      processing.catch((error: unknown) => this.threadFailed(error));
      pending.processing.push(processing);
      this.sent.push(processing);
    } else {
      await this.executor.prepareSourceBatch(batch.topic, batch.messages);
      this.addResult(pending, this.executor.processSourceBatch(batch.topic, batch.messages, now));
    }
    pending.offsets.set(`${batch.partition}:${batch.topic}`, { topic: batch.topic, partition: batch.partition, offset: next.toString() });
    pending.recordsIn += batch.messages.length;
    pending.batches += 1;
    this.scheduleCommit();
    // Backpressure: let the consumer fetch on only while the output waiting for a commit is bounded.
    const bound = this.options.maxPendingBytes ?? maxPendingBytes;
    while (this.committing && this.pending.bytes > bound) await this.committing;
    if (this.threads) {
      // The threads' backlog: at most `threadBacklog` batches per thread in flight (older results are not kept here).
      const backlog = this.threads.size * threadBacklog;
      while (this.sent.length > backlog + 1) this.sent.shift();
      if (this.sent.length > backlog) await this.sent[0]!.catch(() => undefined);
    }
    if (this.failure) throw this.failure;
  }

  /** A processing thread failed or stopped: the runner fails, as on a consumer error (when stopping, the commit awaiting the batch fails instead). */
  private threadFailed(error: unknown): void {
    if (this.stopped) return;
    this.failure ??= error instanceof Error ? error : new Error(String(error));
    this.crashed(this.failure);
  }

  private addResult(pending: Pending, result: BatchResult): void {
    for (const message of result.messages) {
      pending.messages.push(message);
      pending.bytes += messageBytes(message);
    }
    for (const letter of result.deadLetters) {
      const message = this.deadLetterMessage(letter);
      pending.letters.push(message);
      pending.bytes += messageBytes(message);
    }
  }

  /** What a fetch said of a partition after its batch (also batches of transaction markers only). */
  private fetched(progress: FetchProgress): void {
    this.executor.progress(progress.topic, progress.partition, progress.caughtUp);
  }

  /**
   * The runner's timer: re-evaluates the watermarks without new records, so
   * a partition that went idle stops holding windows and joins back, and
   * checks which partitions are caught up (an empty one never sends a batch).
   */
  private tick(): void {
    if (this.stopped || this.failure) return;
    const result = this.executor.tick(Date.now());
    this.addResult(this.pending, result);
    if (result.advanced || result.messages.length > 0 || result.deadLetters.length > 0) {
      this.pending.advanced = true;
      this.scheduleCommit();
    }
    void this.pollProgress();
  }

  /** Marks partitions whose end this runner's position (or the group's committed offset) has reached as caught up. */
  private async pollProgress(): Promise<void> {
    if (this.pollingProgress) return;
    this.pollingProgress = true;
    try {
      for (const topic of this.executor.sourceTopics) {
        const partitions = await this.options.client.offsets(topic, this.names.groupId).catch(() => []);
        for (const { partition, end, committed } of partitions) {
          const start = committed ?? (this.fromBeginning.has(topic) ? "0" : end);
          const position = this.positions.get(`${partition}:${topic}`) ?? BigInt(start);
          // Only ever "caught up": a position short of the end may be a transaction marker, which the fetch reports.
          if (position >= BigInt(end)) this.executor.progress(topic, partition, true);
        }
      }
    } finally {
      this.pollingProgress = false;
    }
  }

  /** Starts a commit of everything pending unless one is running; the running one starts the next when it ends. */
  private scheduleCommit(): void {
    if (this.committing || this.failure || (this.pending.batches === 0 && !this.pending.advanced)) return;
    this.commitStartedAt = Date.now();
    this.committing = this.commitPending().then(
      () => {
        this.committing = null;
        this.commitStartedAt = null;
        this.scheduleCommit();
      },
      (error: unknown) => {
        this.failure = error instanceof Error ? error : new Error(String(error));
        this.committing = null;
        this.commitStartedAt = null;
        this.crashed(this.failure);
      },
    );
  }

  private async commitPending(): Promise<void> {
    const pending = this.pending;
    this.pending = emptyPending();
    // Batches on processing threads join in the order they were fetched, so each partition's output keeps its order.
    for (const processing of pending.processing) this.addResult(pending, await processing);
    // Output held back for the commit (a reduce emitting once per commit): released with the state it reflects.
    this.addResult(pending, this.executor.flush());
    const writes = pending.messages;
    const sinkMessages = writes.length;
    for (const letter of pending.letters) writes.push(letter);
    // Taken now, not per batch: exactly the changes of the batches in this commit, each key once.
    const now = Date.now();
    for (const { topic, state } of this.changelogs) {
      for (const change of state.takeChanges()) writes.push({ topic, key: change.key, value: change.value, timestamp: now });
    }
    const offsets = [...pending.offsets.values()];
    if (this.options.guarantee === "exactly-once") {
      await this.producer!.transaction((send) => send(writes), { groupId: this.names.groupId, offsets });
    } else {
      await this.producer!.send(writes);
      this.commitOffsetsBehind(offsets);
    }
    const committedAt = Date.now();
    for (let i = 0; i < sinkMessages; i++) this.executor.metrics.endToEndLatency(Math.max(0, committedAt - writes[i]!.timestamp));
    this.counters.recordsIn += pending.recordsIn;
    this.counters.recordsOut += sinkMessages;
    this.counters.deadLetters += pending.letters.length;
    this.counters.batches += pending.batches;
    this.counters.lastBatchAt = committedAt;
  }

  /**
   * The stall check (every `stallLimits.checkEveryMs`): an error when a commit
   * has run longer than `stallLimits.commitMs`, or when the consumer has had
   * no batch for `stallLimits.idleConsumerMs` since it joined or since its last
   * batch while a partition it was assigned holds records past its position.
   * A batch being handled (waiting for a commit, under backpressure) is not a
   * stall of the consumer.
   */
  async checkStalled(now: number): Promise<Error | null> {
    if (this.stopped || this.failure || !this.consumer || this.checkingStall) return null;
    const commitSeconds = stalledCommitSeconds(now, this.commitStartedAt, this.limits.commitMs);
    if (commitSeconds !== null) {
      return new Error(`A commit has not completed in ${commitSeconds} s (Kafka keeps answering with a retriable error, or not at all); restarting from the last commit. ${this.describeActivity(now)}`);
    }
    const activity = this.consumer.activity();
    const since = idleSince(now, activity, this.limits.idleConsumerMs);
    if (since === null || this.handling || this.committing) return null;
    this.checkingStall = true;
    try {
      const offsets: PartitionOffsets[] = [];
      for (const topic of Object.keys(activity.assignment)) {
        const earliest = this.fromBeginning.has(topic) ? new Map((await this.options.client.offsetsAt(topic, "earliest")).map((p) => [p.partition, p.offset])) : null;
        // `end` is the last stable offset: records of a transaction still open upstream (a Flink sink
        // commits once per checkpoint) are not a stall.
        for (const p of await this.options.client.offsets(topic, this.names.groupId)) offsets.push({ ...p, topic, earliest: earliest?.get(p.partition) });
      }
      const behind = partitionsBehind(activity, offsets);
      this.lastStallCheck = { at: now, found: behind.length === 0 ? `nothing behind (${offsets.map((o) => `${o.topic}/${o.partition} end ${o.end} committed ${o.committed} first ${o.earliest ?? "-"}`).join(", ")})` : `behind: ${behind.join(", ")}` };
      // Checked again after the awaits: a batch may have arrived meanwhile.
      const latest = this.consumer?.activity();
      if (behind.length === 0 || this.stopped || this.failure || !latest || idleSince(now, latest, this.limits.idleConsumerMs) !== since) return null;
      return new Error(`The consumer has fetched no record for ${Math.round((now - since) / 1000)} s although ${behind.join(", ")} hold records past its position; restarting from the last commit. ${this.describeActivity(now)}`);
    } catch (error) {
      // The broker does not answer: the consumer's own errors say so.
      this.lastStallCheck = { at: now, found: `could not read the offsets: ${error instanceof Error ? error.message : String(error)}` };
      return null;
    } finally {
      this.checkingStall = false;
    }
  }

  private get limits(): typeof stallLimits {
    return { ...stallLimits, ...this.options.stallLimits };
  }

  /** The consumer's and the commits' activity in words, for errors and diagnostics. */
  describeActivity(now = Date.now()): string {
    const commit = this.commitStartedAt === null ? "none" : `since ${((now - this.commitStartedAt) / 1000).toFixed(1)} s`;
    const check = this.lastStallCheck ? `${((now - this.lastStallCheck.at) / 1000).toFixed(1)} s ago, ${this.lastStallCheck.found}` : this.checkingStall ? "running" : "none yet";
    return `${describeActivity(now, this.consumer?.activity())} Commit in flight: ${commit}; batch being handled: ${this.handling ? "yes" : "no"}; pending batches ${this.pending.batches}. Last stall check: ${check}.`;
  }

  /**
   * At-least-once: commits the consumer offsets of writes the broker has
   * acknowledged, without holding up the next writes. The commit goes over the
   * consumer's connection, where it waits behind the fetch in flight (measured:
   * about 120 ms a commit, which made at-least-once slower than exactly-once).
   * One commit at a time, each with the newest offsets, so they never go back.
   */
  private commitOffsetsBehind(offsets: NextOffset[]): void {
    for (const offset of offsets) this.uncommittedOffsets.set(`${offset.partition}:${offset.topic}`, offset);
    if (this.committingOffsets) return;
    this.committingOffsets = (async () => {
      while (this.uncommittedOffsets.size > 0) {
        const newest = [...this.uncommittedOffsets.values()];
        this.uncommittedOffsets.clear();
        await this.consumer!.commit(newest);
      }
    })().then(
      () => {
        this.committingOffsets = null;
      },
      (error: unknown) => {
        this.committingOffsets = null;
        this.failure ??= error instanceof Error ? error : new Error(String(error));
        this.crashed(this.failure);
      },
    );
  }

  /**
   * What the runner reports once a second: per-node metrics of the interval
   * since the last call, consumer lag per source partition, and the samples
   * of nodes whose samples changed (tracked in `sampleVersions`).
   */
  async telemetry(sampleVersions: Map<string, number>) {
    const state = new Map(this.executor.statefulOperators.map((operator) => [operator.nodeId, { keys: operator.state.size, bytes: operator.state.approximateBytes }]));
    const snapshot = this.executor.metrics.snapshot(state, this.executor.eventTimeNodes);
    // On processing threads the per-node numbers and samples are theirs; this thread's are zero.
    const threads = this.threads ? await this.threads.telemetry(sampleVersions).catch(() => null) : null;
    if (threads) snapshot.nodes = { ...snapshot.nodes, ...threads.nodes };
    const lag: { topic: string; partition: number; end: string; committed: string | null; lag: number }[] = [];
    for (const topic of this.executor.sourceTopics) {
      for (const partition of await this.options.client.offsets(topic, this.names.groupId).catch(() => [])) {
        const committed = partition.committed === null ? 0n : BigInt(partition.committed);
        lag.push({ ...partition, topic, lag: Number(BigInt(partition.end) - committed) });
      }
    }
    return { ...snapshot, lag, counters: { ...this.counters }, samples: threads ? threads.samples : this.executor.metrics.changedSamples(sampleVersions) };
  }

  private deadLetterMessage(letter: DeadLetter): OutgoingMessage {
    return { topic: this.options.deadLetterTopic, key: null, value: letter.payload, timestamp: letter.timestamp, headers: deadLetterHeaders(letter) };
  }
}

function messageBytes(message: OutgoingMessage): number {
  const value = message.value;
  return (value === null ? 0 : typeof value === "string" ? value.length : value.byteLength) + (message.key?.length ?? 0) + 32;
}
