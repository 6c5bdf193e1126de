// kafkajs's replacements before kafkajs, as the engine loads them: the readers below then drop records of
// aborted transactions however the broker orders them (kafkajs's own filter did not: aborted-transactions.ts).
import "../kafka/kafkajs-patches";
import { randomUUID } from "node:crypto";
import { Kafka, logLevel } from "kafkajs";
import { createTopicsAndWait } from "../kafka/topic-readiness";

/** The broker integration tests use: KAFKA_BROKERS, or the script-started local one. */
export const testBrokers = (process.env.KAFKA_BROKERS ?? "127.0.0.1:9092").split(",");

const kafka = new Kafka({ clientId: "streamline-tests", brokers: testBrokers, logLevel: logLevel.NOTHING });

/** Starts the script-managed local broker unless KAFKA_BROKERS names one (integration tests' beforeAll). */
export async function ensureTestBroker(): Promise<void> {
  if (process.env.KAFKA_BROKERS) return;
  const { startBroker } = (await import("../../scripts/kafka.mjs" as string)) as { startBroker: () => Promise<unknown> };
  await startBroker();
}

/** A unique suffix so every test run uses its own topics and groups. */
export function uniqueName(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${randomUUID().slice(0, 6)}`;
}

/**
 * Test topics keep every record (`retention.ms` -1). Many tests write records
 * stamped in the past (event time in January 2026), and the broker deletes a
 * segment whose newest record is older than its retention (7 days by
 * default) at its next retention check, every 5 minutes: a runner or reader
 * that had not read the records by then found the topic empty, with its start
 * offset at its end. That was the "deployment running, nothing consumed"
 * failure of the Flink differential suite (the broker's log said "Deleting
 * segment … due to log retention time 604800000ms breach").
 */
export const testTopicConfig = [{ name: "retention.ms", value: "-1" }];

/** Creates topics with the given partition count, keeping their records whatever their timestamps. */
export async function createTopics(topics: string[], partitions = 3): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    await createTopicsAndWait(admin, topics.map((topic) => ({ topic, numPartitions: partitions, configEntries: testTopicConfig })));
  } finally {
    await admin.disconnect();
  }
}

/** Produces values (objects as JSON, strings as text) spread over partitions round-robin, or as given. */
export async function produce(topic: string, values: (string | Record<string, unknown> | { value: string; partition?: number; timestamp?: number; key?: string })[]): Promise<void> {
  // Idempotent: a send right after createTopics can fail for one partition whose leader is not
  // elected yet; kafkajs retries the whole request, and a plain producer then appends the other
  // partitions' records twice (seen: 200,200,100 of 300 records), which made exact counts flaky.
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  try {
    const messages = values.map((v, i) =>
      typeof v === "object" && v !== null && "value" in v && typeof v.value === "string"
        ? { value: v.value, partition: (v as { partition?: number }).partition ?? i % 3, timestamp: (v as { timestamp?: number }).timestamp?.toString(), key: (v as { key?: string }).key }
        : { value: typeof v === "string" ? v : JSON.stringify(v), partition: i % 3 },
    );
    for (let i = 0; i < messages.length; i += 1000) await producer.send({ topic, messages: messages.slice(i, i + 1000) });
  } finally {
    await producer.disconnect();
  }
}

export type ReadMessage = { key: string | null; value: string | null; headers: Record<string, string>; partition: number; offset: string };

/**
 * Reads every committed message of a topic (read_committed), polling until
 * `until` is satisfied or the timeout passes; returns what it read.
 */
export async function readCommitted(topic: string, until: (messages: ReadMessage[]) => boolean, timeoutMs = 60_000): Promise<ReadMessage[]> {
  const consumer = kafka.consumer({ groupId: uniqueName("reader"), readUncommitted: false, maxWaitTimeInMs: 100 });
  const messages: ReadMessage[] = [];
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message, partition }) => {
        const headers: Record<string, string> = {};
        for (const [name, value] of Object.entries(message.headers ?? {})) headers[name] = String(value);
        messages.push({ key: message.key?.toString() ?? null, value: message.value?.toString() ?? null, headers, partition, offset: message.offset });
      },
    });
    const deadline = Date.now() + timeoutMs;
    while (!until(messages) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    // A little longer, so duplicates that would arrive after the condition holds are caught too.
    await new Promise((r) => setTimeout(r, 1_000));
    return [...messages];
  } finally {
    await consumer.disconnect();
  }
}

/** Exact word counts of lines, split the way the word-count template does. */
export function expectedWordCounts(lines: string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const line of lines) for (const word of line.toLowerCase().split(" ")) if (word.length > 0) counts[word] = (counts[word] ?? 0) + 1;
  return counts;
}
