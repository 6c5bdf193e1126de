import "server-only";
import { Partitioners } from "kafkajs";
import type { z } from "zod";
import type { produceBody } from "@/lib/schemas/topics";
import { ApiError } from "../api/api-error";
import { assertTopicExists, withTopicKafka } from "./topic-kafka";

/**
 * Writes one test message to an existing topic (never creates one: a typo
 * would otherwise make a topic). A JSON value is sent as its JSON text, a
 * text value as is; returns where it landed.
 */
export async function produceMessage(connectionId: string | undefined, topic: string, body: z.output<typeof produceBody>): Promise<{ partition: number; offset: string }> {
  if (body.as === "text" && typeof body.value !== "string") throw new ApiError(400, "invalid_request", "A text message's value must be a string", [{ field: "value", message: "Must be a string when 'as' is text" }]);
  const value = body.as === "text" ? (body.value as string) : JSON.stringify(body.value);
  if (Buffer.byteLength(value) > 512 * 1024) throw new ApiError(413, "payload_too_large", "A test message is at most 512 KiB");
  return withTopicKafka(connectionId, async ({ kafka, admin }) => {
    await assertTopicExists(admin, topic);
    if (body.partition !== undefined) {
      const partitions = await admin.fetchTopicOffsets(topic);
      if (!partitions.some((p) => p.partition === body.partition)) throw new ApiError(400, "invalid_request", `Topic '${topic}' has no partition ${body.partition} (it has ${partitions.length})`, [{ field: "partition", message: `Partitions are 0 to ${partitions.length - 1}` }]);
    }
    const producer = kafka.producer({ allowAutoTopicCreation: false, createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
    try {
      const [result] = await producer.send({ topic, acks: -1, messages: [{ key: body.key, value, headers: body.headers, partition: body.partition }] });
      return { partition: result!.partition, offset: result!.baseOffset ?? "0" };
    } finally {
      await producer.disconnect().catch(() => undefined);
    }
  });
}
