import "server-only";
import type { z } from "zod";
import type { topicListResponse } from "@/lib/schemas/topics";
import { describeTopics, messageCount } from "./describe-topics";
import { withTopicKafka } from "./topic-kafka";
import { topicUsers } from "./topic-users";

/** The most topics one list answer describes; a cluster with more is narrowed with the name filter. */
export const topicListLimit = 300;

/**
 * The topics of a cluster whose name contains `filter` (case-insensitive),
 * internal topics (`__…`) left out, sorted by name, each with partitions,
 * replication, message count, retention and the pipelines that use it.
 */
export async function listTopics(connectionId: string | undefined, filter = ""): Promise<z.input<typeof topicListResponse>> {
  const needle = filter.trim().toLowerCase();
  return withTopicKafka(connectionId, async ({ admin }) => {
    const names = (await admin.listTopics()).filter((name) => !name.startsWith("__") && name.toLowerCase().includes(needle)).sort();
    const shown = names.slice(0, topicListLimit);
    const [facts, users] = await Promise.all([describeTopics(admin, shown), topicUsers(connectionId)]);
    const byName = new Map(facts.map((fact) => [fact.name, fact]));
    return {
      truncated: names.length > shown.length,
      topics: shown.flatMap((name) => {
        const fact = byName.get(name);
        if (!fact) return [];
        return [{ name, partitions: fact.partitions.length, replicationFactor: fact.replicationFactor, messages: messageCount(fact.partitions), retentionMs: fact.retentionMs, users: users.get(name) ?? [] }];
      }),
    };
  });
}
