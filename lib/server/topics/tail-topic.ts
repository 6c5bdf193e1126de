import "server-only";
import type { TopicFormat, TopicMessage } from "@/lib/schemas/topics";
import { scanPartitions } from "./scan-partitions";
import { assertTopicExists, withTopicKafka } from "./topic-kafka";
import { readRecord, toTopicMessage } from "./to-topic-message";

/** A tail read gives up after this long (a broker that stops answering mid-read). */
const tailTimeoutMs = 10_000;

/**
 * The latest `limit` records of a topic across its partitions, oldest first
 * (by timestamp): the last `limit` of each partition are read, then the newest
 * `limit` of those kept. 404 when the topic does not exist.
 */
export async function tailTopic(connectionId: string | undefined, topic: string, limit: number, format: TopicFormat): Promise<TopicMessage[]> {
  return withTopicKafka(connectionId, async ({ kafka, admin }) => {
    await assertTopicExists(admin, topic);
    const bounds = await admin.fetchTopicOffsets(topic);
    const ranges = bounds.map((p) => {
      const high = BigInt(p.high);
      const low = BigInt(p.low);
      return { partition: p.partition, from: high - BigInt(limit) > low ? high - BigInt(limit) : low, to: high };
    });
    const messages: TopicMessage[] = [];
    const timeout = AbortSignal.timeout(tailTimeoutMs);
    await scanPartitions(
      kafka,
      topic,
      ranges,
      (partition, batch) => {
        for (const message of batch) messages.push(toTopicMessage(readRecord(partition, message, format), format));
        return "continue";
      },
      timeout,
    );
    messages.sort((a, b) => a.timestamp - b.timestamp || a.partition - b.partition || Number(BigInt(a.offset) - BigInt(b.offset)));
    return messages.slice(-limit);
  });
}
