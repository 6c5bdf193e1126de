import "server-only";
import type { z } from "zod";
import type { createTopicBody, topicSummary } from "@/lib/schemas/topics";
import { ApiError } from "../api/api-error";
import { describeTopics, messageCount } from "./describe-topics";
import { withTopicKafka } from "./topic-kafka";
import { createTopicsAndWait } from "@/engine/kafka/topic-readiness";

/** Creates a topic with its partitions and retention (replication: the broker's default); 409 when it exists. */
export async function createTopic(connectionId: string | undefined, body: z.output<typeof createTopicBody>): Promise<z.input<typeof topicSummary>> {
  return withTopicKafka(connectionId, async ({ admin }) => {
    if ((await admin.listTopics()).includes(body.name)) throw new ApiError(409, "conflict", `Topic '${body.name}' already exists`);
    try {
      await createTopicsAndWait(admin, [{ topic: body.name, numPartitions: body.partitions, replicationFactor: -1, configEntries: body.retentionMs === undefined ? [] : [{ name: "retention.ms", value: String(body.retentionMs) }] }], 15_000);
    } catch (error) {
      const type = (error as { type?: string }).type;
      if (type === "TOPIC_ALREADY_EXISTS") throw new ApiError(409, "conflict", `Topic '${body.name}' already exists`);
      // The broker's own refusal (too many partitions for its policy, a bad config) is the client's to fix.
      if (type === "INVALID_PARTITIONS" || type === "INVALID_CONFIG" || type === "POLICY_VIOLATION" || type === "INVALID_REPLICATION_FACTOR") throw new ApiError(400, "invalid_request", `Kafka refused the topic: ${(error as Error).message}`);
      throw error;
    }
    // Readable by now (createTopicsAndWait waits for leaders and offsets); if the cluster still does not
    // describe it, the topic exists all the same: say so, rather than fail as if nothing had happened.
    let [fact] = await describeTopics(admin, [body.name]);
    for (let attempt = 0; !fact && attempt < 10; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 300));
      [fact] = await describeTopics(admin, [body.name]);
    }
    if (!fact) throw new ApiError(503, "kafka_unavailable", `Topic '${body.name}' was created, but the cluster does not describe it yet; reload the topic list in a moment`);
    return { name: body.name, partitions: fact.partitions.length, replicationFactor: fact.replicationFactor, messages: messageCount(fact.partitions), retentionMs: fact.retentionMs, users: [] };
  });
}
