import "server-only";
// First: the kafkajs patches must load before kafkajs (see the file).
import "@/engine/kafka/kafkajs-patches";
import { Kafka, logLevel, type Admin } from "kafkajs";
import { ApiError, notFound } from "../api/api-error";
import { connectionClientOptions } from "../connections/connection-client-options";
import { getDb } from "../db/prisma";
import { kafkaBrokers } from "../kafka/kafka-brokers";

/** A kafkajs client and its connected admin, for the topic browser (which needs metadata, configs and ranged reads the engine's StreamClient does not offer). */
export type TopicKafka = { kafka: Kafka; admin: Admin };

const holder = globalThis as unknown as { streamlineTopicKafka?: Promise<TopicKafka> };

function kafkaFor(options: ConstructorParameters<typeof Kafka>[0]): Kafka {
  return new Kafka({ connectionTimeout: 5_000, requestTimeout: 30_000, retry: { retries: 3, initialRetryTime: 200, maxRetryTime: 2_000 }, logLevel: logLevel.NOTHING, ...options });
}

async function connect(kafka: Kafka): Promise<TopicKafka> {
  const admin = kafka.admin();
  await admin.connect();
  return { kafka, admin };
}

/**
 * Runs `work` against the server's own cluster (one shared client per process)
 * or a stored connection (a short-lived client, broker-guarded like every
 * stored connection, closed afterwards). An unknown connection is a 404; a
 * cluster that cannot be reached a 503.
 *
 * `ownAdmin`: on the server's cluster, an admin of this call's own, closed afterwards. kafkajs's
 * admin remembers every topic it read offsets of and asks for all of them at each metadata refresh;
 * once one of them is deleted (by anyone) every refresh fails. Work that reads many topics (the
 * list) keeps that memory to itself; the shared client is replaced when it hits a deleted topic.
 */
export async function withTopicKafka<T>(connectionId: string | undefined, work: (client: TopicKafka) => Promise<T>, { ownAdmin = false }: { ownAdmin?: boolean } = {}): Promise<T> {
  if (!connectionId) {
    const shared = (holder.streamlineTopicKafka ??= connect(kafkaFor({ brokers: kafkaBrokers(), clientId: "streamline-topics" })));
    let client: TopicKafka;
    try {
      client = await shared;
    } catch (error) {
      if (holder.streamlineTopicKafka === shared) holder.streamlineTopicKafka = undefined;
      throw unavailable(error);
    }
    if (ownAdmin) return withOwnAdmin(client.kafka, work);
    try {
      return await guard(() => work(client));
    } catch (error) {
      if (hitDeletedTopic(error) && holder.streamlineTopicKafka === shared) {
        holder.streamlineTopicKafka = undefined;
        void client.admin.disconnect().catch(() => undefined);
      }
      throw error;
    }
  }
  const db = await getDb();
  if (!(await db.kafkaConnection.findUnique({ where: { id: connectionId }, select: { id: true } }))) throw notFound(`Kafka connection '${connectionId.slice(0, 100)}'`);
  const options = await connectionClientOptions(db, connectionId);
  return withOwnAdmin(kafkaFor({ ...options, sasl: options.sasl as never, clientId: "streamline-topics" }), work);
}

/** Runs `work` on an admin connected for it alone, disconnected afterwards. */
async function withOwnAdmin<T>(kafka: Parameters<typeof connect>[0], work: (client: TopicKafka) => Promise<T>): Promise<T> {
  let client: TopicKafka;
  try {
    client = await connect(kafka);
  } catch (error) {
    throw unavailable(error);
  }
  try {
    return await guard(() => work(client));
  } finally {
    await client.admin.disconnect().catch(() => undefined);
  }
}

async function guard<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof ApiError) throw error;
    if (isKafkaError(error)) throw unavailable(error);
    throw error;
  }
}

/** kafkajs's "This server does not host this topic-partition" (UNKNOWN_TOPIC_OR_PARTITION), as such or as the 503 it became. */
function hitDeletedTopic(error: unknown): boolean {
  const cause = error instanceof ApiError ? error.message : error instanceof Error ? `${(error as { type?: string }).type ?? ""} ${error.message}` : "";
  return /UNKNOWN_TOPIC_OR_PARTITION|does not host this topic-partition/.test(cause);
}

function isKafkaError(error: unknown): boolean {
  return error instanceof Error && /^Kafka|Connection/.test(error.name);
}

function unavailable(error: unknown): ApiError {
  return new ApiError(503, "kafka_unavailable", `Kafka could not be reached: ${error instanceof Error ? error.message : String(error)}`);
}

/** Throws 404 unless the topic exists; returns its partitions' low and high offsets. */
export async function assertTopicExists(admin: Admin, topic: string): Promise<void> {
  const topics = await admin.listTopics();
  if (!topics.includes(topic)) throw notFound(`Topic '${topic.slice(0, 249)}'`);
}
