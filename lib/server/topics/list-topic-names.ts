import "server-only";
import { ConfigResourceTypes } from "kafkajs";
import { withTopicKafka } from "./topic-kafka";

/**
 * Every non-internal topic name of a cluster with its partition count, and the
 * partitions a new topic gets by default (a sink's missing topic is created
 * with them), for the editor's topic fields: completion, exists or will be created.
 */
export async function listTopicNames(connectionId: string | undefined): Promise<{ topics: { name: string; partitions: number }[]; defaultPartitions: number | null }> {
  return withTopicKafka(connectionId, async ({ admin }) => {
    const names = (await admin.listTopics()).filter((name) => !name.startsWith("__")).sort();
    const [metadata, defaultPartitions] = await Promise.all([names.length === 0 ? { topics: [] } : admin.fetchTopicMetadata({ topics: names }), brokerDefaultPartitions(admin)]);
    const partitions = new Map(metadata.topics.map((topic) => [topic.name, topic.partitions.length]));
    return { topics: names.map((name) => ({ name, partitions: partitions.get(name) ?? 0 })), defaultPartitions };
  });
}

async function brokerDefaultPartitions(admin: Parameters<Parameters<typeof withTopicKafka>[1]>[0]["admin"]): Promise<number | null> {
  try {
    const cluster = await admin.describeCluster();
    const broker = cluster.brokers[0];
    if (!broker) return null;
    const configs = await admin.describeConfigs({ includeSynonyms: false, resources: [{ type: ConfigResourceTypes.BROKER, name: String(broker.nodeId), configNames: ["num.partitions"] }] });
    const value = Number(configs.resources[0]?.configEntries.find((entry) => entry.configName === "num.partitions")?.configValue);
    return Number.isInteger(value) && value > 0 ? value : null;
  } catch {
    // A user without DescribeConfigs on the cluster: the field then says "the broker's default".
    return null;
  }
}
