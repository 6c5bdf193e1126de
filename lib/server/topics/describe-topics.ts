import "server-only";
import { ConfigResourceTypes, type Admin } from "kafkajs";

export type TopicFacts = {
  name: string;
  partitions: { partition: number; leader: number; replicas: number[]; isr: number[]; start: string; end: string }[];
  replicationFactor: number;
  retentionMs: number | null;
  cleanupPolicy: string;
};

/** Metadata, offsets and the retention/cleanup configuration of existing topics, with at most 16 offset requests in flight. */
export async function describeTopics(admin: Admin, names: string[]): Promise<TopicFacts[]> {
  if (names.length === 0) return [];
  const [metadata, configs] = await Promise.all([
    admin.fetchTopicMetadata({ topics: names }),
    admin.describeConfigs({ includeSynonyms: false, resources: names.map((name) => ({ type: ConfigResourceTypes.TOPIC, name, configNames: ["retention.ms", "cleanup.policy"] })) }),
  ]);
  const configByTopic = new Map(configs.resources.map((resource) => [resource.resourceName, new Map(resource.configEntries.map((entry) => [entry.configName, entry.configValue]))]));
  const offsets = new Map<string, { partition: number; high: string; low: string }[]>();
  const queue = [...names];
  await Promise.all(
    Array.from({ length: Math.min(16, queue.length) }, async () => {
      for (let name = queue.shift(); name !== undefined; name = queue.shift()) {
        // A topic deleted since it was listed: kafkajs fails on its missing metadata (a TypeError); leave it out.
        const found = await admin.fetchTopicOffsets(name).catch(() => null);
        if (found) offsets.set(name, found);
      }
    }),
  );
  return metadata.topics.filter((topic) => offsets.has(topic.name)).map((topic) => {
    const bounds = new Map((offsets.get(topic.name) ?? []).map((p) => [p.partition, p]));
    const config = configByTopic.get(topic.name);
    const retention = Number(config?.get("retention.ms") ?? NaN);
    return {
      name: topic.name,
      partitions: topic.partitions
        .map((p) => ({ partition: p.partitionId, leader: p.leader, replicas: p.replicas, isr: p.isr, start: bounds.get(p.partitionId)?.low ?? "0", end: bounds.get(p.partitionId)?.high ?? "0" }))
        .sort((a, b) => a.partition - b.partition),
      replicationFactor: topic.partitions[0]?.replicas.length ?? 0,
      retentionMs: Number.isFinite(retention) && retention >= 0 ? retention : null,
      cleanupPolicy: config?.get("cleanup.policy") ?? "delete",
    };
  });
}

/** End − start offsets summed over partitions, as a decimal string. */
export function messageCount(partitions: { start: string; end: string }[]): string {
  return partitions.reduce((sum, p) => sum + (BigInt(p.end) - BigInt(p.start)), 0n).toString();
}
