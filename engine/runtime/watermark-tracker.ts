import type { OperatorState, StateChange } from "./state-store";

/** A source's watermark delay when its node does not set one: no out-of-orderness allowed. */
export const defaultWatermarkDelayMs = 0;
/** A source's idle timeout when its node does not set one (what the Flink compiler has always used). */
export const defaultIdleTimeoutMs = 5_000;

/** What a source knows of one of its partitions. */
type PartitionProgress = {
  /** The largest event time read from the partition (committed with the state). */
  max: number;
  /** When (runner clock) the partition last delivered a record, or was assigned. */
  lastActivity: number;
  /** Whether the consumer's position has reached the partition's high-water mark, as the last fetch said. */
  caughtUp: boolean;
};

/**
 * The event-time progress of one source node over the partitions of its
 * topic, as in Flink's Kafka source: each partition's watermark is the
 * largest event time read from it minus the source's watermark delay
 * (bounded out-of-orderness), and the source's watermark is the minimum over
 * its partitions that are not idle. A partition is idle once it has had no
 * record for the idle timeout AND the consumer has caught up with it: a
 * partition that simply was not fetched yet over a backlog never counts as
 * idle, so it cannot be overtaken. A record on an idle partition makes it
 * active again.
 */
export class SourceWatermark {
  private readonly partitions = new Map<number, PartitionProgress>();
  /** Partitions whose maximum changed since the changes were last taken. */
  readonly changed = new Set<number>();

  constructor(
    readonly nodeId: string,
    readonly topic: string,
    readonly delayMs: number,
    readonly idleTimeoutMs: number,
  ) {}

  /** Declares partitions the source reads; one not seen before starts with no event time, not caught up. */
  assign(partitions: number[], now: number): void {
    for (const partition of partitions) this.partition(partition, now);
  }

  /** A record with this event time was read from the partition. */
  observe(partition: number, timestamp: number, now: number): void {
    const progress = this.partition(partition, now);
    progress.lastActivity = now;
    if (timestamp > progress.max) {
      progress.max = timestamp;
      this.changed.add(partition);
    }
  }

  /** What a fetch said: whether the consumer's position has reached the partition's end. */
  progress(partition: number, caughtUp: boolean, now: number): void {
    this.partition(partition, now).caughtUp = caughtUp;
  }

  /** Whether the partition does not hold the watermark back at `now`. */
  isIdle(partition: number, now: number): boolean {
    const progress = this.partitions.get(partition);
    return progress !== undefined && this.idle(progress, now);
  }

  /**
   * The source's watermark at `now`: the minimum over non-idle partitions of
   * (largest event time − delay); -Infinity while an active partition has
   * delivered nothing yet; null when every partition is idle (or none is
   * known), which holds nothing back downstream.
   */
  watermark(now: number): number | null {
    let low: number | null = null;
    for (const progress of this.partitions.values()) {
      if (this.idle(progress, now)) continue;
      const value = progress.max - this.delayMs;
      if (low === null || value < low) low = value;
    }
    return low;
  }

  /**
   * The times in (after, upTo] at which a caught-up partition becomes idle,
   * so the executor can apply them in order: when partitions go idle one
   * after the other between two evaluations, the watermark must take the
   * step in between (the partition that went idle first no longer holds it
   * back while the others still count), whatever the timer's granularity.
   */
  idleDeadlines(after: number, upTo: number): number[] {
    const deadlines: number[] = [];
    if (this.idleTimeoutMs <= 0) return deadlines;
    for (const progress of this.partitions.values()) {
      const at = progress.lastActivity + this.idleTimeoutMs;
      if (progress.caughtUp && at > after && at <= upTo) deadlines.push(at);
    }
    return deadlines;
  }

  /** The largest event time per partition (for telemetry and tests). */
  maxima(): Map<number, number> {
    return new Map([...this.partitions].map(([partition, progress]) => [partition, progress.max]));
  }

  /** The largest event time of a partition as committed, restored after a restart. */
  restoreMax(partition: number, max: number, now: number): void {
    const progress = this.partition(partition, now);
    progress.max = Math.max(progress.max, max);
  }

  private idle(progress: PartitionProgress, now: number): boolean {
    return this.idleTimeoutMs > 0 && progress.caughtUp && now - progress.lastActivity >= this.idleTimeoutMs;
  }

  private partition(partition: number, now: number): PartitionProgress {
    let progress = this.partitions.get(partition);
    if (!progress) {
      progress = { max: Number.NEGATIVE_INFINITY, lastActivity: now, caughtUp: false };
      this.partitions.set(partition, progress);
    }
    return progress;
  }
}

/**
 * The watermark of an operator from the watermarks of its inputs (the sides
 * of a join, the inputs of a future union): the minimum over the inputs that
 * are not idle; null when all are idle, which keeps the operator where it is.
 */
export function combineWatermarks(inputs: readonly (number | null)[]): number | null {
  let low: number | null = null;
  for (const value of inputs) {
    if (value !== null && (low === null || value < low)) low = value;
  }
  return low;
}

/**
 * The per-partition event-time maxima of every source of a pipeline as
 * operator state: written to their own changelog in the same transaction as
 * the output, the other state and the offsets, so a restart resumes each
 * partition's watermark where the committed output left it. Changelog entries
 * are `<source node id>|<partition>` → the largest event time.
 */
export class WatermarkState implements OperatorState {
  private readonly byNode: Map<string, SourceWatermark>;
  private bytes = 0;

  constructor(
    readonly sources: SourceWatermark[],
    private readonly clock: () => number,
  ) {
    this.byNode = new Map(sources.map((source) => [source.nodeId, source]));
  }

  get size(): number {
    let size = 0;
    for (const source of this.sources) size += source.maxima().size;
    return size;
  }

  get approximateBytes(): number {
    return this.bytes;
  }

  takeChanges(): StateChange[] {
    const changes: StateChange[] = [];
    for (const source of this.sources) {
      const maxima = source.maxima();
      for (const partition of source.changed) {
        const change = { key: `${source.nodeId}|${partition}`, value: JSON.stringify(maxima.get(partition)) };
        this.bytes += change.key.length + change.value.length;
        changes.push(change);
      }
      source.changed.clear();
    }
    return changes;
  }

  discardChanges(): void {
    for (const source of this.sources) source.changed.clear();
  }

  restore(change: StateChange): void {
    const at = change.key.lastIndexOf("|");
    const source = this.byNode.get(change.key.slice(0, at));
    const partition = Number(change.key.slice(at + 1));
    if (!source || !Number.isInteger(partition) || change.value === null) return;
    const max = JSON.parse(change.value) as unknown;
    if (typeof max === "number") source.restoreMax(partition, max, this.clock());
  }
}
