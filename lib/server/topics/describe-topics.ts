import "server-only";
import { ConfigResourceTypes, type Admin } from "kafkajs";

export type TopicFacts = {
  name: string;
  partitions: { partition: number; leader: number; replicas: number[]; isr: number[]; start: string; end: string }[];
  replicationFactor: number;
  retentionMs: number | null;
  cleanupPolicy: string;
};

/** A listed topic whose metadata or offsets the cluster would not give (e.g. deleted, or being deleted, since it was listed). */
export type UnreadableTopic = { name: string; reason: string };

type Metadata = Awaited<ReturnType<Admin["fetchTopicMetadata"]>>["topics"][number];
type Configs = Map<string, Map<string, string>>;

/** Runs `work` over `items` with at most `limit` in flight. */
async function eachLimited<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  const queue = [...items];
  await Promise.all(
    Array.from({ length: Math.min(limit, queue.length) }, async () => {
      for (let item = queue.shift(); item !== undefined; item = queue.shift()) await work(item);
    }),
  );
}

const reasonOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Metadata of every topic in one request; when that fails (kafkajs fails the whole answer when
 * one topic or partition in it has an error, e.g. a topic deleted since the listing), one request
 * per topic, so only the topics at fault are missing, with why.
 */
async function topicMetadata(admin: Admin, names: string[], unreadable: Map<string, string>): Promise<Map<string, Metadata>> {
  try {
    return new Map((await admin.fetchTopicMetadata({ topics: names })).topics.map((topic) => [topic.name, topic]));
  } catch (error) {
    if (names.length === 1) {
      unreadable.set(names[0]!, reasonOf(error));
      return new Map();
    }
  }
  const found = new Map<string, Metadata>();
  await eachLimited(names, 16, async (name) => {
    try {
      const [topic] = (await admin.fetchTopicMetadata({ topics: [name] })).topics;
      if (topic) found.set(name, topic);
    } catch (error) {
      unreadable.set(name, reasonOf(error));
    }
  });
  return found;
}

/** retention.ms and cleanup.policy per topic; a topic whose configuration cannot be read gets the defaults (no row). */
async function topicConfigs(admin: Admin, names: string[]): Promise<Configs> {
  const describe = async (topics: string[]) => {
    const configs = await admin.describeConfigs({ includeSynonyms: false, resources: topics.map((name) => ({ type: ConfigResourceTypes.TOPIC, name, configNames: ["retention.ms", "cleanup.policy"] })) });
    return configs.resources.map((resource) => [resource.resourceName, new Map(resource.configEntries.map((entry) => [entry.configName, entry.configValue]))] as const);
  };
  try {
    return new Map(await describe(names));
  } catch {
    const found: Configs = new Map();
    await eachLimited(names, 16, async (name) => {
      for (const [topic, config] of await describe([name]).catch(() => [])) found.set(topic, config);
    });
    return found;
  }
}

/**
 * Metadata, offsets and the retention/cleanup configuration of topics, with at most 16 offset
 * requests in flight. A topic whose metadata or offsets cannot be read (on a shared cluster,
 * another client may delete topics at any moment) does not fail the others: it is left out of
 * `facts` and named in `unreadable` with the cluster's reason.
 */
export async function describeTopicsOrWhy(admin: Admin, names: string[]): Promise<{ facts: TopicFacts[]; unreadable: UnreadableTopic[] }> {
  if (names.length === 0) return { facts: [], unreadable: [] };
  const failed = new Map<string, string>();
  const [metadata, configs] = await Promise.all([topicMetadata(admin, names, failed), topicConfigs(admin, names)]);
  const offsets = new Map<string, { partition: number; high: string; low: string }[]>();
  await eachLimited(
    names.filter((name) => metadata.has(name)),
    16,
    async (name) => {
      try {
        offsets.set(name, await admin.fetchTopicOffsets(name));
      } catch (error) {
        failed.set(name, reasonOf(error));
      }
    },
  );
  const facts = names.flatMap((name) => {
    const topic = metadata.get(name);
    if (!topic || !offsets.has(name)) return [];
    const bounds = new Map(offsets.get(name)!.map((p) => [p.partition, p]));
    const config = configs.get(name);
    const retention = Number(config?.get("retention.ms") ?? NaN);
    return [
      {
        name,
        partitions: topic.partitions
          .map((p) => ({ partition: p.partitionId, leader: p.leader, replicas: p.replicas, isr: p.isr, start: bounds.get(p.partitionId)?.low ?? "0", end: bounds.get(p.partitionId)?.high ?? "0" }))
          .sort((a, b) => a.partition - b.partition),
        replicationFactor: topic.partitions[0]?.replicas.length ?? 0,
        retentionMs: Number.isFinite(retention) && retention >= 0 ? retention : null,
        cleanupPolicy: config?.get("cleanup.policy") ?? "delete",
      },
    ];
  });
  return { facts, unreadable: [...failed].map(([name, reason]) => ({ name, reason })) };
}

/** The facts of the topics that can be read (see describeTopicsOrWhy); a topic deleted meanwhile is left out. */
export async function describeTopics(admin: Admin, names: string[]): Promise<TopicFacts[]> {
  return (await describeTopicsOrWhy(admin, names)).facts;
}

/** End − start offsets summed over partitions, as a decimal string. */
export function messageCount(partitions: { start: string; end: string }[]): string {
  return partitions.reduce((sum, p) => sum + (BigInt(p.end) - BigInt(p.start)), 0n).toString();
}
