import "server-only";
import { withTopicKafka } from "./topic-kafka";

/** Every non-internal topic name of a cluster with its partition count, for the editor's topic fields (completion, exists or will be created). */
export async function listTopicNames(connectionId: string | undefined): Promise<{ name: string; partitions: number }[]> {
  return withTopicKafka(connectionId, async ({ admin }) => {
    const names = (await admin.listTopics()).filter((name) => !name.startsWith("__")).sort();
    if (names.length === 0) return [];
    const metadata = await admin.fetchTopicMetadata({ topics: names });
    const partitions = new Map(metadata.topics.map((topic) => [topic.name, topic.partitions.length]));
    return names.map((name) => ({ name, partitions: partitions.get(name) ?? 0 }));
  });
}
