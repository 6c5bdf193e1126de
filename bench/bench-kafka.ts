// Kafka chores of the benchmark, on kafkajs: topics, pre-loading, progress
// from committed offsets, a paced producer and a latency-measuring consumer.
import { Kafka, logLevel, type Admin } from "kafkajs";
import type { BenchRecord, EncodedRecord } from "./records";

export type BenchKafka = ReturnType<typeof createBenchKafka>;

export function createBenchKafka(brokers: string[]) {
  const kafka = new Kafka({ clientId: "streamline-bench", brokers, logLevel: logLevel.NOTHING, retry: { retries: 10 } });
  let admin: Admin | null = null;
  const connected = async () => {
    if (!admin) {
      admin = kafka.admin();
      await admin.connect();
    }
    return admin;
  };

  return {
    kafka,

    async createTopics(topics: string[], partitions = 3): Promise<void> {
      const client = await connected();
      const existing = new Set(await client.listTopics());
      const missing = topics.filter((t) => !existing.has(t));
      if (missing.length === 0) return;
      // kafkajs's own wait for leaders sometimes fails on a KRaft broker that has just created the
      // topic ("does not host this topic-partition"): create without it and poll the metadata.
      // retention.ms=-1: the records carry event times from the start of the year, which the
      // broker's default 7-day retention would delete within minutes.
      await client.createTopics({ waitForLeaders: false, topics: missing.map((topic) => ({ topic, numPartitions: partitions, replicationFactor: 1, configEntries: [{ name: "retention.ms", value: "-1" }] })) });
      for (let attempt = 0; ; attempt++) {
        try {
          const { topics } = await client.fetchTopicMetadata({ topics: missing });
          if (topics.every((t) => t.partitions.length === partitions && t.partitions.every((p) => p.leader >= 0))) return;
        } catch (error) {
          if (attempt > 100) throw error;
        }
        await sleep(100);
      }
    },

    /** Deletes the topics whose names contain `fragment` (a run id), and consumer groups likewise. */
    async deleteMatching(fragment: string): Promise<void> {
      const client = await connected();
      const topics = (await client.listTopics()).filter((t) => t.includes(fragment));
      if (topics.length > 0) await client.deleteTopics({ topics, timeout: 60_000 }).catch(() => undefined);
      const groups = (await client.listGroups()).groups.map((g) => g.groupId).filter((g) => g.includes(fragment));
      if (groups.length > 0) await client.deleteGroups(groups).catch(() => undefined);
    },

    /** Produces `count` records round-robin over the topic's partitions, in large concurrent batches. */
    async preload(topic: string, count: number, make: (i: number) => EncodedRecord, partitions = 3): Promise<void> {
      const producer = kafka.producer({ allowAutoTopicCreation: false });
      await producer.connect();
      try {
        const batch = 2_000;
        const inFlight: Promise<unknown>[] = [];
        for (let from = 0; from < count; from += batch) {
          const messages = [];
          for (let i = from; i < Math.min(count, from + batch); i++) {
            const r = make(i);
            messages.push({ key: r.key, value: r.value, timestamp: String(r.timestamp), partition: i % partitions });
          }
          inFlight.push(producer.send({ topic, messages, acks: 1 }));
          if (inFlight.length >= 4) await inFlight.shift();
        }
        await Promise.all(inFlight);
      } finally {
        await producer.disconnect();
      }
    },

    /** The sum of the end offsets of the topics' partitions. */
    async endOffsets(topics: string[]): Promise<number> {
      const client = await connected();
      let sum = 0;
      for (const topic of topics) for (const p of await client.fetchTopicOffsets(topic)) sum += Number(p.high);
      return sum;
    },

    /** The sum of a group's committed offsets on the topics (0 for partitions it has not committed). */
    async committed(groupId: string, topics: string[]): Promise<number> {
      const client = await connected();
      let sum = 0;
      for (const entry of await client.fetchOffsets({ groupId, topics })) for (const p of entry.partitions) if (Number(p.offset) > 0) sum += Number(p.offset);
      return sum;
    },

    /**
     * Whether a group has consumed its repartition topics (names starting with `prefix`, ending
     * in -repartition) to their end: committed ≥ end offset − 1 on every partition, since a
     * transactional writer leaves a commit marker after its last record. True when there are none.
     */
    async caughtUpInternally(groupId: string, prefix: string): Promise<boolean> {
      const client = await connected();
      const internal = (await client.listTopics()).filter((t) => t.startsWith(prefix) && t.endsWith("-repartition"));
      if (internal.length === 0) return true;
      const committed = new Map<string, number>();
      for (const entry of await client.fetchOffsets({ groupId, topics: internal })) for (const p of entry.partitions) committed.set(`${entry.topic}/${p.partition}`, Number(p.offset));
      for (const topic of internal) {
        for (const p of await client.fetchTopicOffsets(topic)) {
          const high = Number(p.high);
          if (high > 0 && (committed.get(`${topic}/${p.partition}`) ?? -1) < high - 1) return false;
        }
      }
      return true;
    },

    /**
     * Reads a topic from the beginning (read_committed) until `expected`
     * messages have arrived and then nothing more for a second, or until
     * `timeoutMs`: for checking a run's output. Deduplicated by partition and
     * offset (a rebalance of the reader can deliver a message again).
     */
    async readTopic(topic: string, expected: number, timeoutMs = 120_000): Promise<{ key: Buffer | null; value: Buffer | null }[]> {
      const consumer = kafka.consumer({ groupId: `${topic}.check-reader`, readUncommitted: false, maxWaitTimeInMs: 100 });
      const byOffset = new Map<string, { key: Buffer | null; value: Buffer | null }>();
      await consumer.connect();
      try {
        await consumer.subscribe({ topic, fromBeginning: true });
        await consumer.run({ eachMessage: async ({ message, partition }) => void byOffset.set(`${partition}/${message.offset}`, { key: message.key, value: message.value }) });
        const deadline = Date.now() + timeoutMs;
        let seen = -1;
        while (Date.now() < deadline && (byOffset.size < expected || byOffset.size !== seen)) {
          seen = byOffset.size >= expected ? byOffset.size : -1;
          await sleep(byOffset.size >= expected ? 1_000 : 200);
        }
        return [...byOffset.values()];
      } finally {
        await consumer.disconnect();
      }
    },

    async close(): Promise<void> {
      await admin?.disconnect().catch(() => undefined);
      admin = null;
    },
  };
}

export type DrainResult = { records: number; seconds: number; recordsPerSecond: number; cpuMsPer1k: number };

/**
 * Waits until a consumer group has committed `total` records of the topics,
 * polling every 100 ms. Throughput counts from the first poll that saw a
 * commit, so start-up (group join, state restore, JVM warm-up before the first
 * commit) is left out, as a long-running pipeline would not pay it.
 */
export async function waitForDrain(bench: BenchKafka, options: { groupId: string; topics: string[]; total: number; timeoutMs: number; alive: () => boolean; cpu?: () => number; internalPrefix?: string }): Promise<DrainResult> {
  const deadline = Date.now() + options.timeoutMs;
  const cpu = options.cpu ?? (() => Number.NaN);
  let first: { at: number; committed: number; cpu: number } | null = null;
  for (;;) {
    const committed = await bench.committed(options.groupId, options.topics).catch(() => 0);
    const at = performance.now();
    if (committed > 0 && !first) first = { at, committed, cpu: cpu() };
    // Kafka Streams commits its input once records reach a repartition topic; the work after it
    // (the aggregation, the join) is done when the repartition topics are consumed too.
    if (committed >= options.total && first && (!options.internalPrefix || (await bench.caughtUpInternally(options.groupId, options.internalPrefix).catch(() => false)))) {
      const records = committed - first.committed;
      const seconds = (at - first.at) / 1000;
      // Everything was committed by the first poll: the run was too short to time.
      if (records === 0 || seconds <= 0) return { records: committed, seconds: 0, recordsPerSecond: Number.NaN, cpuMsPer1k: Number.NaN };
      return { records, seconds, recordsPerSecond: records / seconds, cpuMsPer1k: ((cpu() - first.cpu) * 1000 * 1000) / records };
    }
    if (Date.now() > deadline) throw new Error(`timed out: group ${options.groupId} committed ${committed} of ${options.total}`);
    if (!options.alive()) throw new Error(`the process under test exited (group ${options.groupId} committed ${committed} of ${options.total})`);
    await sleep(100);
  }
}

/**
 * Produces at a fixed rate (records per second, in 10 ms ticks) for a while,
 * each record stamped with the time it was created; returns how many it sent.
 */
export async function producePaced(bench: BenchKafka, options: { topic: string; rate: number; durationMs: number; make: (i: number) => BenchRecord; firstIndex: number; partitions?: number }): Promise<number> {
  const producer = bench.kafka.producer({ allowAutoTopicCreation: false });
  await producer.connect();
  const partitions = options.partitions ?? 3;
  const started = performance.now();
  let sent = 0;
  const pending = new Set<Promise<unknown>>();
  try {
    for (;;) {
      const elapsed = performance.now() - started;
      if (elapsed >= options.durationMs) break;
      const due = Math.floor((elapsed / 1000) * options.rate) - sent;
      if (due > 0) {
        const now = Date.now();
        const messages = [];
        for (let k = 0; k < due; k++) {
          const i = options.firstIndex + sent + k;
          const r = options.make(i);
          messages.push({ key: r.key, value: r.value, timestamp: String(now), partition: i % partitions });
        }
        sent += due;
        // After a stall of this process the catch-up can be large: keep each request far below the broker's 1 MB batch limit.
        for (let from = 0; from < messages.length; from += 1_000) {
          const p = producer.send({ topic: options.topic, messages: messages.slice(from, from + 1_000), acks: 1 }).finally(() => pending.delete(p));
          pending.add(p);
        }
      }
      await sleep(10);
    }
    await Promise.all(pending);
  } finally {
    await producer.disconnect();
  }
  return sent;
}

/**
 * Reads a topic (read_committed) and records, for each message, the time it
 * was consumed minus its timestamp (the input record's creation time, which
 * both the engine and Kafka Streams carry to their output).
 */
export async function measureLatency(bench: BenchKafka, topic: string): Promise<{ stop: (since: number) => Promise<number[]>; count: () => number }> {
  const consumer = bench.kafka.consumer({ groupId: `${topic}.latency-reader`, readUncommitted: false, maxWaitTimeInMs: 50, minBytes: 1 });
  const latencies: number[] = [];
  const timestamps: number[] = [];
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({
    eachBatch: async ({ batch }) => {
      const now = Date.now();
      for (const m of batch.messages) {
        const timestamp = Number(m.timestamp);
        timestamps.push(timestamp);
        latencies.push(now - timestamp);
      }
    },
  });
  return {
    count: () => latencies.length,
    /** Stops reading; returns the latencies of the records created at or after `since`. */
    stop: async (since) => {
      await consumer.disconnect();
      return latencies.filter((_, i) => timestamps[i]! >= since);
    },
  };
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = Float64Array.from(values).sort();
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
}
