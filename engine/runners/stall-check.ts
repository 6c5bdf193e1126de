import type { ConsumerActivity } from "../kafka/stream-client";

/**
 * How long a commit may take, and how long the consumer may go without a batch
 * while its partitions hold records past its position, before the runner
 * fails and its supervisor restarts it from the last commit. Kafka's own
 * clients bound every call in time (`max.block.ms`, 60 s); kafkajs retries a
 * transactional call without end, and a consumer that fetches nothing reports
 * no error at all: without these bounds such a deployment would show
 * `running` for as long as it lasted.
 */
export const stallLimits = { commitMs: 60_000, idleConsumerMs: 30_000, checkEveryMs: 5_000 };

/** A source partition's end and committed offset, and its first offset when the group reads it from the beginning. */
export type PartitionOffsets = { topic: string; partition: number; end: string; committed: string | null; earliest?: string };

/** Seconds since the commit in flight started, when that is longer than the limit; otherwise null. */
export function stalledCommitSeconds(now: number, commitStartedAt: number | null, limitMs = stallLimits.commitMs): number | null {
  return commitStartedAt !== null && now - commitStartedAt > limitMs ? Math.round((now - commitStartedAt) / 1000) : null;
}

/**
 * When the consumer last showed progress (its join or its last batch), if that
 * is longer ago than the limit; null while it has not joined (kafkajs's join
 * has timeouts of its own) or has fetched recently.
 */
export function idleSince(now: number, activity: ConsumerActivity, limitMs = stallLimits.idleConsumerMs): number | null {
  if (activity.joinedAt === null) return null;
  const since = Math.max(activity.joinedAt, activity.lastBatchAt ?? 0);
  return now - since >= limitMs ? since : null;
}

/**
 * The assigned partitions that hold records past the consumer's position, as
 * `topic/partition at position of end`. The position is where the consumer's
 * last batch ended, else the committed offset, else (for a topic read from the
 * beginning) the partition's first offset; a partition with none of these
 * (a new group starting at the end) is never counted. In topic and partition order.
 */
export function partitionsBehind(activity: ConsumerActivity, offsets: readonly PartitionOffsets[]): string[] {
  const behind: string[] = [];
  const ordered = [...offsets].sort((a, b) => a.topic.localeCompare(b.topic) || a.partition - b.partition);
  for (const { topic, partition, end, committed, earliest } of ordered) {
    if (!(activity.assignment[topic] ?? []).includes(partition)) continue;
    const position = activity.positions[`${topic}/${partition}`] ?? committed ?? earliest;
    if (position !== undefined && BigInt(end) > BigInt(position)) behind.push(`${topic}/${partition} at ${position} of ${end}`);
  }
  return behind;
}

/** The consumer's activity in words, for errors and diagnostics. */
export function describeActivity(now: number, activity: ConsumerActivity | undefined): string {
  if (!activity) return "Consumer: not started.";
  const ago = (at: number | null) => (at === null ? "never" : `${((now - at) / 1000).toFixed(1)} s ago`);
  return `Consumer: joined ${ago(activity.joinedAt)} with ${JSON.stringify(activity.assignment)}, ${activity.fetches} fetches (last ${ago(activity.lastFetchAt)}), ${activity.batches} batches (last ${ago(activity.lastBatchAt)}), positions ${JSON.stringify(activity.positions)}.`;
}
