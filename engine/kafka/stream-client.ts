import type { OutgoingMessage, SourceMessage } from "../runtime/stream-record";

/**
 * The Kafka operations the engine needs, and nothing more. The embedded
 * runner talks only to this interface so a faster client can replace kafkajs
 * (the benchmarks compare them) without touching the runtime.
 */
export type StreamClient = {
  /** Creates the topics that do not exist yet; `compacted` topics get cleanup.policy=compact. */
  ensureTopics(topics: { topic: string; partitions?: number; compacted?: boolean; retentionMs?: number }[]): Promise<void>;
  /**
   * The last `perPartition` committed messages of every partition of a topic,
   * read without joining a consumer group's offsets or committing anything;
   * for previews and the dead-letter view. Oldest first.
   */
  readLatest(topic: string, perPartition: number): Promise<(SourceMessage & { headers: Record<string, string> })[]>;
  /** Reads a topic from its beginning to its current end (committed records only) and returns the messages in order. */
  readToEnd(topic: string): Promise<{ key: string | null; value: string | null }[]>;
  /** A consumer in a group that reads committed records only and never commits on its own. */
  consumer(options: { groupId: string }): StreamConsumer;
  /** A producer: transactional when `transactionalId` is set (which also fences an older instance using the same id). */
  producer(options: { transactionalId?: string }): StreamProducer;
  /**
   * The end offset of every partition of a topic, and a group's committed
   * offsets, for lag. The end is the one a read_committed consumer can reach
   * (the last stable offset: short of records of a transaction still open).
   */
  offsets(topic: string, groupId: string): Promise<{ partition: number; end: string; committed: string | null }[]>;
  /** Per partition, the offset of the first record at or after a timestamp (the end when none), or the log start or end. */
  offsetsAt(topic: string, at: number | "earliest" | "latest"): Promise<{ partition: number; offset: string }[]>;
  /** Sets a consumer group's committed offsets outside a transaction; the group must have no live member. */
  setGroupOffsets(groupId: string, offsets: { topic: string; partition: number; offset: string }[]): Promise<void>;
  close(): Promise<void>;
};

export type ConsumedBatch = {
  topic: string;
  partition: number;
  messages: SourceMessage[];
  /** The partition's high-water mark as the fetch saw it: with the batch's last offset, whether the consumer has caught up. */
  highWatermark?: string;
};

/** What a fetch said of a partition after its batch: whether the consumer's position reached the partition's end. */
export type FetchProgress = { topic: string; partition: number; caughtUp: boolean };

/**
 * What a consumer has done since it started, for the runner's stall check and
 * for its error messages: when it joined its group and with which partitions,
 * how many fetches ended (also empty ones) and when it last got a batch.
 */
export type ConsumerActivity = {
  joinedAt: number | null;
  assignment: Record<string, number[]>;
  fetches: number;
  lastFetchAt: number | null;
  /** Batches fetched, also those of transaction markers only that never reach `handle`. */
  batches: number;
  lastBatchAt: number | null;
  /** Per `topic/partition`, the offset after the last batch fetched (the consumer's position as far as it got). */
  positions: Record<string, string>;
};

export type StreamConsumer = {
  subscribe(topics: { topic: string; fromBeginning: boolean }[]): Promise<void>;
  /**
   * Hands batches to `handle` one at a time. The next batch is fetched only
   * after `handle` resolves; when it throws the consumer stops and `run`'s
   * promise for `crashed` settles with the error. `progress` hears of every
   * fetched batch, also those with only transaction markers that never reach
   * `handle`, so event time knows which partitions are caught up.
   */
  run(handle: (batch: ConsumedBatch) => Promise<void>, crashed: (error: Error) => void, progress?: (progress: FetchProgress) => void): Promise<void>;
  /** Commits offsets (the next offset to read per partition) outside a transaction: at-least-once mode. */
  commit(offsets: { topic: string; partition: number; offset: string }[]): Promise<void>;
  /** What the consumer has done since it started (a snapshot). */
  activity(): ConsumerActivity;
  stop(): Promise<void>;
};

export type StreamProducer = {
  connect(): Promise<void>;
  /** Sends messages; in a transactional producer only inside `transaction`. */
  send(messages: OutgoingMessage[]): Promise<void>;
  /**
   * Runs `work` in a Kafka transaction that also commits the consumer offsets
   * given, so output, state changes and progress commit or abort together.
   */
  transaction(work: (send: (messages: OutgoingMessage[]) => Promise<void>) => Promise<void>, offsets: { groupId: string; offsets: { topic: string; partition: number; offset: string }[] }): Promise<void>;
  disconnect(): Promise<void>;
};
