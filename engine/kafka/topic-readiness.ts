import type { Admin, ITopicConfig } from "kafkajs";

/**
 * A topic created a moment ago is listed before the broker hosts its
 * partitions. kafkajs's `createTopics({ waitForLeaders: true })` polls the
 * metadata but retries only LEADER_NOT_AVAILABLE: when the broker answers
 * UNKNOWN_TOPIC_OR_PARTITION ("This server does not host this
 * topic-partition") instead, which it does under load, the call throws
 * although the topic was created. So topics are created without kafkajs's
 * wait, and this module waits itself, treating both answers as "not yet".
 */

const pollMs = 100;

/**
 * True when every topic is known, every one of its partitions has a leader,
 * and the leaders answer for their offsets; false while they spread. The
 * offsets are asked too because kafkajs's `fetchTopicOffsets` reads the
 * client's own metadata cache, which can still list no partition for a topic
 * the broker already leads (it then throws a TypeError, `low.pop(...)`).
 */
export async function partitionsLed(admin: Admin, topics: readonly string[]): Promise<boolean> {
  try {
    const { topics: metadata } = await admin.fetchTopicMetadata({ topics: [...topics] });
    const led = metadata.length === topics.length && metadata.every((t) => t.partitions.length > 0 && t.partitions.every((p) => p.leader >= 0));
    if (!led) return false;
    for (const t of metadata) if ((await admin.fetchTopicOffsets(t.name)).length !== t.partitions.length) return false;
    return true;
  } catch {
    // UNKNOWN_TOPIC_OR_PARTITION or LEADER_NOT_AVAILABLE while the topic spreads: ask again.
    return false;
  }
}

/** Waits, at most `timeoutMs`, until every partition of the topics has a leader; resolves to whether they all did. */
export async function waitForPartitionLeaders(admin: Admin, topics: readonly string[], timeoutMs = 30_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await partitionsLed(admin, topics)) return true;
    if (Date.now() >= deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}

/**
 * Creates the topics (those that exist are left as they are) and waits, at
 * most `timeoutMs`, until their partitions have leaders. Resolves to whether
 * any topic was created, as `createTopics` does.
 */
export async function createTopicsAndWait(admin: Admin, topics: ITopicConfig[], timeoutMs = 30_000): Promise<boolean> {
  const created = await admin.createTopics({ topics, waitForLeaders: false });
  await waitForPartitionLeaders(admin, topics.map((t) => t.topic), timeoutMs);
  return created;
}

/** How often `topicOffsets` asks again after kafkajs's metadata cache listed no partition. */
const offsetAttempts = 5;

/**
 * `admin.fetchTopicOffsets`, asked again (after a metadata refresh) when it
 * throws the TypeError of a metadata cache that lists no partition for the
 * topic. That happens for a topic created a moment ago even after
 * `waitForPartitionLeaders`: a metadata refresh another caller of the same
 * admin started earlier can land after ours and replace it (seen: a runner
 * degraded for a second at start with "Cannot destructure property
 * 'partitions' of 'low.pop(...)'", six runners starting at once).
 */
export async function topicOffsets(admin: Admin, topic: string): Promise<Awaited<ReturnType<Admin["fetchTopicOffsets"]>>> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await admin.fetchTopicOffsets(topic);
    } catch (error) {
      if (!(error instanceof TypeError) || attempt >= offsetAttempts) throw error;
      await admin.fetchTopicMetadata({ topics: [topic] }).catch(() => undefined);
      await new Promise((resolve) => setTimeout(resolve, pollMs * attempt));
    }
  }
}
