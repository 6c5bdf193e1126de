import "server-only";
import type { z } from "zod";
import type { topicListResponse } from "@/lib/schemas/topics";
import { describeTopicsOrWhy, messageCount } from "./describe-topics";
import { withTopicKafka } from "./topic-kafka";
import { topicUsers } from "./topic-users";

/** The most topics one list answer describes; a cluster with more is narrowed with the name filter. */
export const topicListLimit = 300;

/**
 * The topics of a cluster whose name contains `filter` (case-insensitive),
 * internal topics (`__…`) left out, sorted by name, each with partitions,
 * replication, message count, retention and the pipelines that use it. A topic
 * whose metadata or offsets cannot be read (deleted meanwhile, or being deleted)
 * is listed with `unreadable` (the cluster's reason) instead of failing the list.
 */
export async function listTopics(connectionId: string | undefined, filter = ""): Promise<z.input<typeof topicListResponse>> {
  const needle = filter.trim().toLowerCase();
  return withTopicKafka(connectionId, async ({ admin }) => {
    const names = (await admin.listTopics()).filter((name) => !name.startsWith("__") && name.toLowerCase().includes(needle)).sort();
    const shown = names.slice(0, topicListLimit);
    const [{ facts, unreadable }, users] = await Promise.all([describeTopicsOrWhy(admin, shown), topicUsers(connectionId)]);
    const byName = new Map(facts.map((fact) => [fact.name, fact]));
    const why = new Map(unreadable.map((topic) => [topic.name, topic.reason]));
    return {
      truncated: names.length > shown.length,
      topics: shown.flatMap((name) => {
        const fact = byName.get(name);
        const reason = why.get(name);
        if (fact) return [{ name, partitions: fact.partitions.length, replicationFactor: fact.replicationFactor, messages: messageCount(fact.partitions), retentionMs: fact.retentionMs, users: users.get(name) ?? [] }];
        if (reason === undefined) return [];
        return [{ name, partitions: 0, replicationFactor: 0, messages: "0", retentionMs: null, users: users.get(name) ?? [], unreadable: reason }];
      }),
    };
  }, { ownAdmin: true });
}
