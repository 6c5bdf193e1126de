import "server-only";
import type { z } from "zod";
import type { topicDetailResponse } from "@/lib/schemas/topics";
import { notFound } from "../api/api-error";
import { describeTopics, messageCount } from "./describe-topics";
import { assertTopicExists, withTopicKafka } from "./topic-kafka";
import { topicUsers } from "./topic-users";

/** One topic with its partitions (leader, replicas, in-sync replicas, start and end offsets) and configuration; 404 when it does not exist. */
export async function getTopic(connectionId: string | undefined, name: string): Promise<z.input<typeof topicDetailResponse>["topic"]> {
  return withTopicKafka(connectionId, async ({ admin }) => {
    await assertTopicExists(admin, name);
    const [[fact], users] = await Promise.all([describeTopics(admin, [name]), topicUsers(connectionId)]);
    // Deleted between the check and the read.
    if (!fact) throw notFound(`Topic '${name}'`);
    const used = users.get(name) ?? [];
    return {
      name,
      partitions: fact!.partitions.length,
      replicationFactor: fact!.replicationFactor,
      messages: messageCount(fact!.partitions),
      retentionMs: fact!.retentionMs,
      cleanupPolicy: fact!.cleanupPolicy,
      users: used,
      // JSON when it parses, text when UTF-8, bytes otherwise: what json and text sources read.
      format: "auto",
      partitionList: fact!.partitions.map((p) => ({ ...p, messages: (BigInt(p.end) - BigInt(p.start)).toString() })),
    };
  }, { ownAdmin: true });
}
