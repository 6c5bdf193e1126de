import "server-only";
import { Partitioners } from "kafkajs";
import type { z } from "zod";
import { findTemplate, templateTopics } from "@/engine/graph";
import type { sampleDataBody, SampleDataResult } from "@/lib/schemas/templates";
import { ApiError, notFound } from "../api/api-error";
import { withTopicKafka } from "../topics/topic-kafka";
import { createTopicsAndWait } from "@/engine/kafka/topic-readiness";

/** Partitions a topic made for sample data gets: enough for keys to spread, few enough for a laptop. */
const samplePartitions = 3;
const batchSize = 500;

/**
 * Creates a template's input topics on the server's own cluster when they do
 * not exist (an existing topic is appended to) and produces the template's
 * sample records with an idempotent producer, event times ending now.
 */
export async function loadSampleData(templateId: string, body: z.output<typeof sampleDataBody>): Promise<SampleDataResult> {
  const template = findTemplate(templateId);
  if (!template) throw notFound(`Template '${templateId.slice(0, 100)}'`);
  const unknown = Object.keys(body.topics).filter((role) => !template.topics.some((topic) => topic.role === role));
  if (unknown.length > 0) {
    throw new ApiError(400, "invalid_request", `Template '${template.id}' has no topic role ${unknown.map((r) => `'${r}'`).join(", ")}`, unknown.map((role) => ({ field: `topics.${role}`, message: `Roles are ${template.topics.map((t) => t.role).join(", ")}` })));
  }
  const topics = templateTopics(template, body.topics);
  const records = template.sampleData({ topics, now: Date.now(), seed: body.seed ?? Math.floor(Math.random() * 2 ** 31) });
  const inputs = [...new Set(template.topics.filter((t) => t.direction === "input").map((t) => topics[t.role]!))];

  return withTopicKafka(undefined, async ({ kafka, admin }) => {
    const existing = new Set(await admin.listTopics());
    const missing = inputs.filter((topic) => !existing.has(topic));
    if (missing.length > 0) {
      try {
        await createTopicsAndWait(admin, missing.map((topic) => ({ topic, numPartitions: samplePartitions, replicationFactor: -1 })), 15_000);
      } catch (error) {
        // Created by someone else in the meantime: append to it like to any existing topic.
        if ((error as { type?: string }).type !== "TOPIC_ALREADY_EXISTS") throw error;
      }
    }
    // Idempotent, one request in flight: a retried send right after topic creation must not duplicate records.
    const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false, createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
    try {
      for (let i = 0; i < records.length; i += batchSize) {
        const batch = records.slice(i, i + batchSize);
        await producer.sendBatch({
          acks: -1,
          topicMessages: inputs.map((topic) => ({
            topic,
            messages: batch
              .filter((r) => r.topic === topic)
              .map((r) => ({ key: r.key, value: typeof r.value === "string" ? r.value : JSON.stringify(r.value), timestamp: String(r.timestamp) })),
          })).filter((t) => t.messages.length > 0),
        });
      }
    } finally {
      await producer.disconnect().catch(() => undefined);
    }
    return { topics: inputs.map((topic) => ({ topic, created: missing.includes(topic), records: records.filter((r) => r.topic === topic).length })) };
  });
}
