import { randomUUID } from "node:crypto";
import type { Kafka, KafkaMessage } from "kafkajs";

/** Offsets `[from, to)` of one partition to read. */
export type PartitionRange = { partition: number; from: bigint; to: bigint };

/** What the handler of a batch answers: keep reading, or stop the whole scan. */
export type BatchVerdict = "continue" | "stop";

/**
 * Reads the given offset ranges of a topic's partitions in offset order,
 * handing each partition's records to `onBatch` (already cut to the range).
 * Uses a throwaway consumer group that commits nothing and is deleted
 * afterwards (kafkajs cannot read without a group); committed records only.
 * Resolves when every range is read, `onBatch` says stop, or `signal` aborts.
 */
export async function scanPartitions(
  kafka: Kafka,
  topic: string,
  ranges: PartitionRange[],
  onBatch: (partition: number, messages: KafkaMessage[]) => BatchVerdict,
  signal?: AbortSignal,
): Promise<void> {
  const remaining = new Map(ranges.filter((range) => range.to > range.from).map((range) => [range.partition, range]));
  if (remaining.size === 0 || signal?.aborted) return;
  const groupId = `streamline-browse-${randomUUID()}`;
  // Large fetches: a scan reads whole partitions, and kafkajs's per-fetch overhead dominates small ones.
  const consumer = kafka.consumer({ groupId, readUncommitted: false, maxWaitTimeInMs: 100, maxBytesPerPartition: 8 * 1024 * 1024, maxBytes: 32 * 1024 * 1024, allowAutoTopicCreation: false, sessionTimeout: 30_000 });
  const admin = kafka.admin();
  let stopped = false;
  try {
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: false });
    await new Promise<void>((resolve, reject) => {
      const finish = () => {
        stopped = true;
        resolve();
      };
      // Cancelled while connecting: the abort event has fired already.
      if (signal?.aborted) return finish();
      signal?.addEventListener("abort", finish, { once: true });
      const done = (partition: number) => {
        remaining.delete(partition);
        consumer.pause([{ topic, partitions: [partition] }]);
        if (remaining.size === 0) finish();
      };
      consumer.on(consumer.events.GROUP_JOIN, () => {
        for (const range of remaining.values()) consumer.seek({ topic, partition: range.partition, offset: range.from.toString() });
      });
      // Also reported for batches of transaction markers only, which never reach eachBatch: a range ending in a marker still ends.
      consumer.on(consumer.events.END_BATCH_PROCESS, ({ payload }) => {
        const range = remaining.get(payload.partition);
        if (!range) return;
        // Ranges never pass the high-water mark, so a fetch with no lag left has read the range too.
        if (BigInt(payload.lastOffset) >= range.to - 1n || Number(payload.offsetLag) <= 0) done(payload.partition);
      });
      consumer.on(consumer.events.CRASH, ({ payload }) => {
        if (!stopped) reject(payload.error);
      });
      consumer
        .run({
          autoCommit: false,
          eachBatch: async ({ batch }) => {
            if (stopped) return;
            const range = remaining.get(batch.partition);
            if (!range) return;
            const messages = batch.messages;
            if (messages.length === 0) return;
            // Usually the whole batch is inside the range: compare only its ends.
            const inside = BigInt(messages[0]!.offset) >= range.from && BigInt(messages.at(-1)!.offset) < range.to;
            const inRange = inside
              ? messages
              : messages.filter((m) => {
                  const offset = BigInt(m.offset);
                  return offset >= range.from && offset < range.to;
                });
            if (inRange.length > 0 && onBatch(batch.partition, inRange) === "stop") finish();
          },
        })
        .catch(reject);
    });
  } finally {
    stopped = true;
    await consumer.disconnect().catch(() => undefined);
    await admin
      .connect()
      .then(() => admin.deleteGroups([groupId]))
      .catch(() => undefined)
      .finally(() => admin.disconnect().catch(() => undefined));
  }
}

