// First: it must run before kafkajs is loaded (see the file).
import "./kafkajs-patches";
import { randomUUID } from "node:crypto";
import type { ConnectionOptions } from "node:tls";
import { kafkajsLogLevel, type LogLevel } from "./kafkajs-log";
import { Kafka, Partitioners, logLevel, type Admin, type Consumer, type ISocketFactory, type Message, type Producer, type SASLOptions } from "kafkajs";
import type { OutgoingMessage, SourceMessage } from "../runtime/stream-record";
import type { ConsumedBatch, ConsumerActivity, StreamClient, StreamConsumer, StreamProducer } from "./stream-client";
import { unassignedTopics } from "./group-assignment";
import { topicOffsets, waitForPartitionLeaders } from "./topic-readiness";

export type KafkajsOptions = {
  brokers: string[];
  clientId?: string;
  /** Aborts an unfinished transaction of a crashed instance after this long; short so a restart does not wait. */
  transactionTimeoutMs?: number;
  log?: (level: LogLevel, message: string) => void;
  /** TLS: `true` for the system's CAs, or options such as `{ ca }`. */
  ssl?: boolean | ConnectionOptions;
  /** SASL PLAIN or SCRAM credentials. */
  sasl?: { mechanism: "plain" | "scram-sha-256" | "scram-sha-512"; username: string; password: string };
  /** Opens the broker sockets; a stored connection uses the broker-policy guard (see guarded-socket-factory.ts). */
  socketFactory?: ISocketFactory;
};

/** Consumer settings of the engine's group consumer (also used by the benchmark's raw-client passthrough). */
export const consumerTuning = { maxWaitTimeInMs: 100, sessionTimeout: 10_000, rebalanceTimeout: 15_000, heartbeatInterval: 1_000 };

/**
 * Retries of the transactional producer. A transaction that starts while the
 * broker still writes the previous one's commit markers gets
 * CONCURRENT_TRANSACTIONS on its first send, and kafkajs retries it after its
 * retry time: with the client's 200 ms that was most of the exactly-once
 * latency (measured: a transaction every 210 ms back to back, every 5 ms with
 * this). Java's producer retries after 20 ms. Unlimited, as kafkajs's default
 * for an idempotent producer (it warns about anything less).
 */
export const transactionalRetry = { retries: Number.MAX_SAFE_INTEGER, initialRetryTime: 5, maxRetryTime: 5_000 };

/** Retries of every request of the engine's clients before the operation fails. */
const clientRetry = { retries: 8, initialRetryTime: 200, maxRetryTime: 5_000 };

/**
 * Consumers' retries: the client's, and no restart of their own after a crash
 * (the caller hears of the crash and decides; a restart by kafkajs would run
 * on after it, and log "Restarting the consumer" at error level).
 */
const noRestart = { ...clientRetry, restartOnFailure: async () => false };

/** Writes are split into produce requests of about this many bytes: kafkajs puts one partition's messages of a send in one record batch, which the broker refuses over 1 MB. */
export const maxRequestBytes = 512 * 1024;

/**
 * The StreamClient on kafkajs 2.2. Its known limits shape this code: no
 * consumer-group fencing in TxnOffsetCommit (we fence with one transactional
 * id per deployment instead, see docs/engine.md), no partition assignment
 * without a group (restores use a throwaway group), and transactions that
 * must be retried after CONCURRENT_TRANSACTIONS.
 */
export function createKafkajsClient(options: KafkajsOptions): StreamClient {
  const kafka = new Kafka({
    clientId: options.clientId ?? "streamline-engine",
    brokers: options.brokers,
    ssl: options.ssl,
    sasl: options.sasl as SASLOptions | undefined,
    socketFactory: options.socketFactory,
    connectionTimeout: 5_000,
    requestTimeout: 30_000,
    retry: clientRetry,
    logLevel: logLevel.WARN,
    logCreator: () => (entry) => {
      if (!options.log) return;
      const given = entry.level === logLevel.ERROR ? "error" : entry.level === logLevel.WARN ? "warn" : entry.level === logLevel.DEBUG ? "debug" : "info";
      const error = typeof entry.log.error === "string" ? entry.log.error : undefined;
      // Expected retries become debug, a lost broker a warning: `error` is for what someone should look at.
      const level = kafkajsLogLevel({ level: given, namespace: entry.namespace, message: entry.log.message, error });
      options.log(level, `[kafkajs ${entry.namespace || "client"}] ${entry.log.message}${error ? `: ${error}` : ""}`);
    },
  });
  const admin = kafka.admin();
  let adminConnected: Promise<void> | null = null;
  const connectedAdmin = async () => {
    adminConnected ??= admin.connect();
    await adminConnected;
    return admin;
  };

  return {
    async ensureTopics(topics) {
      const client = await connectedAdmin();
      const existing = new Set(await client.listTopics());
      const missing = topics.filter((t) => !existing.has(t.topic));
      if (missing.length > 0) {
        // Without kafkajs's own wait for leaders: it gives up on UNKNOWN_TOPIC_OR_PARTITION (topic-readiness.ts).
        await client.createTopics({
          waitForLeaders: false,
          topics: missing.map((t) => ({
            topic: t.topic,
            numPartitions: t.partitions ?? -1,
            replicationFactor: -1,
            configEntries: [
              ...(t.compacted ? [{ name: "cleanup.policy", value: "compact" }] : []),
              ...(t.retentionMs ? [{ name: "retention.ms", value: String(t.retentionMs) }] : []),
            ],
          })),
        });
      }
      // A topic created a moment ago (here, or by whoever made it just before a deploy) is listed before
      // the broker hosts its partitions; a consumer subscribing then crashes on UNKNOWN_TOPIC_OR_PARTITION
      // and the deployment shows degraded for a second. Wait, bounded, until every partition has a leader.
      await waitForPartitionLeaders(client, topics.map((t) => t.topic), topicReadyTimeoutMs);
    },

    async readToEnd(topic) {
      const client = await connectedAdmin();
      const ends = await topicOffsets(client, topic);
      const remaining = new Map(ends.filter((p) => BigInt(p.high) > BigInt(p.low)).map((p) => [p.partition, BigInt(p.high) - 1n]));
      if (remaining.size === 0) return [];
      const groupId = `streamline-restore-${randomUUID()}`;
      const consumer = kafka.consumer({ groupId, readUncommitted: false, maxWaitTimeInMs: 200, allowAutoTopicCreation: false, retry: noRestart });
      const messages: { partition: number; offset: bigint; key: string | null; value: string | null }[] = [];
      try {
        await consumer.connect();
        await consumer.subscribe({ topic, fromBeginning: true });
        await new Promise<void>((resolve, reject) => {
          // END_BATCH_PROCESS also reports batches that held only transaction markers, which
          // never reach eachBatch; without it a changelog ending in a marker would never look read.
          consumer.on(consumer.events.END_BATCH_PROCESS, ({ payload }) => {
            const last = remaining.get(payload.partition);
            if (last !== undefined && BigInt(payload.lastOffset) >= last) remaining.delete(payload.partition);
            if (remaining.size === 0) resolve();
          });
          consumer.on(consumer.events.CRASH, ({ payload }) => reject(payload.error));
          consumer
            .run({
              autoCommit: false,
              eachBatch: async ({ batch }) => {
                for (const m of batch.messages) {
                  messages.push({ partition: batch.partition, offset: BigInt(m.offset), key: m.key?.toString("utf8") ?? null, value: m.value?.toString("utf8") ?? null });
                }
              },
            })
            .catch(reject);
        });
      } finally {
        await consumer.disconnect().catch(() => undefined);
        await client.deleteGroups([groupId]).catch(() => undefined);
      }
      // Changelog keys never span partitions' order concerns: order by partition then offset.
      messages.sort((a, b) => a.partition - b.partition || (a.offset < b.offset ? -1 : a.offset > b.offset ? 1 : 0));
      return messages.map(({ key, value }) => ({ key, value }));
    },

    async readLatest(topic, perPartition) {
      const client = await connectedAdmin();
      const existing = await client.listTopics();
      if (!existing.includes(topic)) return [];
      const offsets = await topicOffsets(client, topic);
      const wanted = offsets
        .map((p) => ({ partition: p.partition, from: BigInt(p.high) - BigInt(perPartition) > BigInt(p.low) ? BigInt(p.high) - BigInt(perPartition) : BigInt(p.low), last: BigInt(p.high) - 1n }))
        .filter((p) => p.last >= p.from);
      if (wanted.length === 0) return [];
      const remaining = new Map(wanted.map((p) => [p.partition, p.last]));
      const groupId = `streamline-peek-${randomUUID()}`;
      const consumer = kafka.consumer({ groupId, readUncommitted: false, maxWaitTimeInMs: 100, allowAutoTopicCreation: false, retry: noRestart });
      const messages: (SourceMessage & { headers: Record<string, string> })[] = [];
      try {
        await consumer.connect();
        await consumer.subscribe({ topic, fromBeginning: false });
        await new Promise<void>((resolve, reject) => {
          const timeout = setTimeout(resolve, 5_000);
          consumer.on(consumer.events.END_BATCH_PROCESS, ({ payload }) => {
            const last = remaining.get(payload.partition);
            if (last !== undefined && BigInt(payload.lastOffset) >= last) remaining.delete(payload.partition);
            if (remaining.size === 0) {
              clearTimeout(timeout);
              resolve();
            }
          });
          consumer.on(consumer.events.GROUP_JOIN, () => {
            for (const p of wanted) consumer.seek({ topic, partition: p.partition, offset: p.from.toString() });
          });
          consumer
            .run({
              autoCommit: false,
              eachBatch: async ({ batch }) => {
                for (const m of batch.messages) {
                  const headers: Record<string, string> = {};
                  for (const [name, value] of Object.entries(m.headers ?? {})) headers[name] = Array.isArray(value) ? value.map(String).join(",") : String(value);
                  messages.push({ key: m.key, value: m.value, timestamp: Number(m.timestamp), partition: batch.partition, offset: m.offset, headers });
                }
              },
            })
            .catch(reject);
        });
      } finally {
        await consumer.disconnect().catch(() => undefined);
        await client.deleteGroups([groupId]).catch(() => undefined);
      }
      return messages.filter((m) => BigInt(m.offset) >= (wanted.find((p) => p.partition === m.partition)?.from ?? 0n)).sort((a, b) => a.timestamp - b.timestamp);
    },

    consumer({ groupId }) {
      // kafkajs restarts a crashed consumer by itself, silently as far as the runner can tell: a broker
      // outage then left the deployment `running` while kafkajs logged "Restarting the consumer" every
      // 5 s. Never: the crash reaches the runner, whose supervisor restarts it from the committed
      // offsets with a backoff and shows `degraded: Kafka unreachable since …` meanwhile.
      return kafkajsConsumer(kafka.consumer({ groupId, readUncommitted: false, ...consumerTuning, retry: noRestart }));
    },

    producer({ transactionalId }) {
      const producer = transactionalId
        ? kafka.producer({ transactionalId, idempotent: true, maxInFlightRequests: 1, transactionTimeout: options.transactionTimeoutMs ?? 10_000, retry: transactionalRetry, createPartitioner: Partitioners.DefaultPartitioner })
        : kafka.producer({ idempotent: true, maxInFlightRequests: 1, createPartitioner: Partitioners.DefaultPartitioner });
      return kafkajsProducer(producer);
    },

    async offsets(topic, groupId) {
      const client = await connectedAdmin();
      const [ends, committed] = await Promise.all([topicOffsets(client, topic), client.fetchOffsets({ groupId, topics: [topic] })]);
      const committedByPartition = new Map((committed[0]?.partitions ?? []).map((p) => [p.partition, p.offset]));
      return ends.map((p) => {
        const offset = committedByPartition.get(p.partition);
        return { partition: p.partition, end: p.high, committed: offset === undefined || offset === "-1" ? null : offset };
      });
    },

    async offsetsAt(topic, at) {
      const client = await connectedAdmin();
      const bounds = await topicOffsets(client, topic);
      if (at === "earliest") return bounds.map((p) => ({ partition: p.partition, offset: p.low }));
      if (at === "latest") return bounds.map((p) => ({ partition: p.partition, offset: p.high }));
      const highs = new Map(bounds.map((p) => [p.partition, p.high]));
      // The broker answers -1 for a partition with no record at or after the time: start at its end.
      return (await client.fetchTopicOffsetsByTimestamp(topic, at)).map((p) => ({ partition: p.partition, offset: p.offset === "-1" ? (highs.get(p.partition) ?? "0") : p.offset }));
    },

    async setGroupOffsets(groupId, offsets) {
      const client = await connectedAdmin();
      const byTopic = new Map<string, { partition: number; offset: string }[]>();
      for (const o of offsets) byTopic.set(o.topic, [...(byTopic.get(o.topic) ?? []), { partition: o.partition, offset: o.offset }]);
      for (const [topic, partitions] of byTopic) await client.setOffsets({ groupId, topic, partitions });
    },

    async close() {
      if (adminConnected) await admin.disconnect().catch(() => undefined);
    },
  };
}

/** How long ensureTopics waits for new topics' partitions to have leaders before it lets the caller go on. */
const topicReadyTimeoutMs = 15_000;

function kafkajsConsumer(consumer: Consumer): StreamConsumer {
  let connected = false;
  const subscribed: string[] = [];
  const activity: ConsumerActivity = { joinedAt: null, assignment: {}, fetches: 0, lastFetchAt: null, batches: 0, lastBatchAt: null, positions: {} };
  consumer.on(consumer.events.FETCH, () => {
    activity.fetches += 1;
    activity.lastFetchAt = Date.now();
  });
  const fetched = (topic: string, partition: number, lastOffset: string) => {
    activity.batches += 1;
    activity.lastBatchAt = Date.now();
    activity.positions[`${topic}/${partition}`] = (BigInt(lastOffset) + 1n).toString();
  };
  // A batch of transaction markers only never reaches eachBatch (kafkajs moves past it itself); a batch
  // with records counts once it was handled, not when a stale or stopping eachBatch skipped it.
  consumer.on(consumer.events.END_BATCH_PROCESS, ({ payload }) => {
    if (payload.batchSize === 0) fetched(payload.topic, payload.partition, payload.lastOffset);
  });
  return {
    async subscribe(topics) {
      if (!connected) {
        await consumer.connect();
        connected = true;
      }
      for (const { topic, fromBeginning } of topics) {
        await consumer.subscribe({ topic, fromBeginning });
        subscribed.push(topic);
      }
    },
    async run(handle, crashed, progress) {
      // The engine's consumers never restart themselves (restartOnFailure), so every crash is the runner's to handle.
      consumer.on(consumer.events.CRASH, ({ payload }) => crashed(payload.error));
      // After a rebalance (a missed session timeout under load, a broker restart) kafkajs rejoins and
      // fetches again from the committed offsets, while the runner's state already holds the records
      // processed since the last commit: handling them again would count them twice. So a second join
      // fails the runner, which restarts from the committed offsets and the changelog.
      let joins = 0;
      consumer.on(consumer.events.GROUP_JOIN, ({ payload }) => {
        joins += 1;
        activity.joinedAt = Date.now();
        activity.assignment = Object.fromEntries(Object.entries(payload.memberAssignment).map(([topic, partitions]) => [topic, [...(partitions ?? [])]]));
        if (joins > 1) crashed(new Error(`The consumer group ${payload.groupId} rebalanced; restarting from the last commit so that no record is processed twice`));
        // The group leader assigns from its own metadata cache; for a topic created a moment ago that cache
        // can list no partition, and the one member of an engine's group then runs, healthy, with nothing
        // to fetch until the next rebalance, which never comes (seen: a deployment "running" for minutes
        // with nothing consumed). Restarting gets a new consumer with fresh metadata.
        const unassigned = unassignedTopics(subscribed, payload);
        if (unassigned.length > 0) crashed(new Error(`The consumer group ${payload.groupId} was assigned no partition of ${unassigned.join(", ")} (its metadata was not ready yet); restarting`));
      });
      if (progress) {
        // Emitted after every batch, including those that held only transaction markers (offsetLag counts them).
        consumer.on(consumer.events.END_BATCH_PROCESS, ({ payload }) => {
          progress({ topic: payload.topic, partition: payload.partition, caughtUp: Number(payload.offsetLag) <= 0 });
        });
      }
      await consumer.run({
        autoCommit: false,
        eachBatchAutoResolve: false,
        eachBatch: async ({ batch, resolveOffset, heartbeat, isRunning, isStale }) => {
          if (!isRunning() || isStale() || batch.messages.length === 0) return;
          const consumed: ConsumedBatch = {
            topic: batch.topic,
            partition: batch.partition,
            highWatermark: batch.highWatermark,
            messages: batch.messages.map((m) => ({ key: m.key, value: m.value, timestamp: Number(m.timestamp), partition: batch.partition, offset: m.offset })),
          };
          try {
            await handle(consumed);
          } catch (error) {
            // Stop here: a failed batch must not be skipped. The runner restarts from committed offsets.
            crashed(error instanceof Error ? error : new Error(String(error)));
            throw error;
          }
          resolveOffset(batch.messages.at(-1)!.offset);
          fetched(batch.topic, batch.partition, batch.messages.at(-1)!.offset);
          await heartbeat();
        },
      });
    },
    async commit(offsets) {
      await consumer.commitOffsets(offsets);
    },
    activity() {
      return { ...activity, assignment: { ...activity.assignment }, positions: { ...activity.positions } };
    },
    async stop() {
      if (connected) await consumer.disconnect().catch(() => undefined);
      connected = false;
    },
  };
}

/**
 * Groups messages by topic for kafkajs's sendBatch. Timestamps go in as
 * strings, as kafkajs's types ask: it sorts each request's timestamps with the
 * default (string) comparison, which is ten times slower on numbers of this size.
 */
function toKafkajs(messages: OutgoingMessage[]): { topic: string; messages: Message[] }[] {
  const byTopic = new Map<string, Message[]>();
  let topic: string | null = null;
  let list: Message[] = [];
  for (const m of messages) {
    if (m.topic !== topic) {
      topic = m.topic;
      list = byTopic.get(topic) ?? [];
      byTopic.set(topic, list);
    }
    list.push(m.headers ? { key: m.key, value: m.value, timestamp: String(m.timestamp), headers: m.headers } : { key: m.key, value: m.value, timestamp: String(m.timestamp) });
  }
  return [...byTopic].map(([name, messagesOfTopic]) => ({ topic: name, messages: messagesOfTopic }));
}

/**
 * Sends messages in requests of about `maxRequestBytes`, in order. kafkajs
 * writes one record batch per partition and request, which the broker refuses
 * over 1 MB, and groups messages by partition in quadratic time, so large
 * writes go out in several requests.
 */
async function sendInChunks(messages: OutgoingMessage[], sendBatch: (batch: { topicMessages: ReturnType<typeof toKafkajs>; acks: -1 }) => Promise<unknown>): Promise<void> {
  let from = 0;
  let bytes = 0;
  for (let i = 0; i < messages.length; i++) {
    const m = messages[i]!;
    bytes += (m.value === null ? 0 : typeof m.value === "string" ? m.value.length : m.value.byteLength) + (m.key?.length ?? 0) + 32;
    if (bytes >= maxRequestBytes) {
      await sendBatch({ topicMessages: toKafkajs(messages.slice(from, i + 1)), acks: -1 });
      from = i + 1;
      bytes = 0;
    }
  }
  if (from < messages.length) await sendBatch({ topicMessages: toKafkajs(from === 0 ? messages : messages.slice(from)), acks: -1 });
}

function kafkajsProducer(producer: Producer): StreamProducer {
  return {
    async connect() {
      await producer.connect();
    },
    async send(messages) {
      await sendInChunks(messages, (batch) => producer.sendBatch(batch));
    },
    async transaction(work, { groupId, offsets }) {
      // CONCURRENT_TRANSACTIONS means the previous transaction's markers are still being
      // written; kafkajs retries it only at init. Like the Java client, retry the whole
      // (aborted, so unseen) transaction after a short pause instead of failing the runner.
      for (let attempt = 1; ; attempt++) {
        const transaction = await producer.transaction();
        try {
          await work((messages) => sendInChunks(messages, (batch) => transaction.sendBatch(batch)));
          const byTopic = new Map<string, { partition: number; offset: string }[]>();
          for (const o of offsets) byTopic.set(o.topic, [...(byTopic.get(o.topic) ?? []), { partition: o.partition, offset: o.offset }]);
          // A commit of what the watermark released, with no new input, moves no offset.
          if (byTopic.size > 0) await transaction.sendOffsets({ consumerGroupId: groupId, topics: [...byTopic].map(([topic, partitions]) => ({ topic, partitions })) });
          await transaction.commit();
          return;
        } catch (error) {
          await transaction.abort().catch(() => undefined);
          if (attempt >= 5 || !isConcurrentTransactions(error)) throw error;
          await new Promise((resolve) => setTimeout(resolve, 50 * attempt));
        }
      }
    },
    async disconnect() {
      await producer.disconnect().catch(() => undefined);
    },
  };
}

function isConcurrentTransactions(error: unknown): boolean {
  for (let cause: unknown = error; cause; cause = (cause as { originalError?: unknown; cause?: unknown }).originalError ?? (cause as { cause?: unknown }).cause) {
    if ((cause as { type?: string }).type === "CONCURRENT_TRANSACTIONS") return true;
  }
  return false;
}
