// Integration test: kafkajs against the broker started by scripts/kafka.mjs (or KAFKA_BROKERS).
// It proves the pieces the pipeline builder relies on: topic admin, keyed produce, consumer groups
// with committed offsets, and exactly-once consume->produce transactions.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Kafka, logLevel, Partitioners, type Admin, type Consumer, type KafkaMessage, type Producer } from 'kafkajs';
import { createTopicsAndWait } from '../engine/kafka/topic-readiness';

/** The part of scripts/kafka.mjs used here. It is plain JS and tsconfig has allowJs off, so say it once. */
interface KafkaScript {
  startBroker(options?: { log?: (msg: string) => void }): Promise<{ brokers: string[]; startedNow: boolean }>;
  stopBroker(options?: { log?: (msg: string) => void }): Promise<unknown>;
}
// A non-literal specifier keeps tsc from looking for a declaration file; Vitest loads it as usual.
const { startBroker, stopBroker } = (await import('./kafka.mjs' as string)) as KafkaScript;

const WAIT_MS = 60_000;
// kafkajs logs retriable broker answers (coordinator loading, CONCURRENT_TRANSACTIONS) as errors;
// real failures surface as rejected promises and failed assertions, so keep the output readable.
const KAFKAJS_LOG = process.env.KAFKAJS_LOG === 'debug' ? logLevel.DEBUG : logLevel.NOTHING;

let kafka: Kafka;
let admin: Admin;
let startedHere = false;
const clients: Array<Producer | Consumer> = [];
const run = randomUUID().slice(0, 8);

/** Polls until check() passes or the timeout hits, so a missing record fails the test instead of hanging. */
async function waitFor(what: string, check: () => boolean, timeoutMs = WAIT_MS): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function track<T extends Producer | Consumer>(client: T): T {
  clients.push(client);
  return client;
}

interface Seen {
  partition: number;
  offset: string;
  key: string;
  value: string;
}

/** Reads a topic from the beginning with a brand-new group until `done` says it has enough. */
async function consumeAll(
  topic: string,
  done: (seen: Seen[]) => boolean,
  opts: { readUncommitted?: boolean } = {},
): Promise<Seen[]> {
  const consumer = track(
    kafka.consumer({
      groupId: `reader-${run}-${randomUUID()}`,
      readUncommitted: opts.readUncommitted ?? false,
      // disconnect() waits for the in-flight fetch; kafkajs' 5 s default long-poll makes that slow.
      maxWaitTimeInMs: 500,
    }),
  );
  const seen: Seen[] = [];
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ partition, message }) => {
      seen.push(toSeen(partition, message));
    },
  });
  try {
    await waitFor(`records on ${topic}`, () => done(seen));
  } finally {
    await consumer.disconnect();
  }
  return seen;
}

function toSeen(partition: number, message: KafkaMessage): Seen {
  return {
    partition,
    offset: message.offset,
    key: message.key?.toString() ?? '',
    value: message.value?.toString() ?? '',
  };
}

beforeAll(async () => {
  const started = await startBroker({ log: () => {} });
  startedHere = started.startedNow;
  kafka = new Kafka({
    clientId: `kafka-test-${run}`,
    brokers: started.brokers,
    logLevel: KAFKAJS_LOG,
    retry: { retries: 8 },
  });
  admin = kafka.admin();
  await admin.connect();
}, 180_000);

afterAll(async () => {
  await Promise.allSettled(clients.map((c) => c.disconnect()));
  await admin?.disconnect();
  // Only stop a broker this file launched; a broker someone else started (or KAFKA_BROKERS) stays up.
  if (startedHere) await stopBroker({ log: () => {} });
}, 120_000);

describe('local Kafka broker with kafkajs', () => {
  it('creates a 3-partition topic, produces, and reads back in order per partition with a fresh group', async () => {
    const topic = `test-basic-${run}`;
    expect(await createTopicsAndWait(admin, [{ topic, numPartitions: 3 }])).toBe(true);
    const [meta] = (await admin.fetchTopicMetadata({ topics: [topic] })).topics;
    expect(meta?.partitions.map((p) => p.partitionId).sort()).toEqual([0, 1, 2]);

    // Idempotent: a send retried after NOT_LEADER (a topic created a moment ago) must not write records twice.
    const producer = track(kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner, idempotent: true, maxInFlightRequests: 1 }));
    await producer.connect();
    // Explicit partitions, so the expected layout is known exactly.
    const explicit = [0, 1, 2].flatMap((partition) =>
      [0, 1, 2, 3].map((i) => ({ partition, key: `p${partition}`, value: `explicit-${partition}-${i}` })),
    );
    await producer.send({ topic, messages: explicit });
    // Keyed records without a partition: the partitioner must keep each key on one partition, in order.
    const keyed = ['alpha', 'beta', 'gamma', 'delta'].flatMap((key) =>
      [0, 1, 2].map((i) => ({ key, value: `${key}-${i}` })),
    );
    for (const m of keyed) await producer.send({ topic, messages: [m] });

    const total = explicit.length + keyed.length;
    const seen = await consumeAll(topic, (s) => s.length >= total);
    expect(seen).toHaveLength(total);

    for (const partition of [0, 1, 2]) {
      const inPartition = seen.filter((s) => s.partition === partition);
      // Offsets come back strictly increasing from 0 within a partition.
      expect(inPartition.map((s) => Number(s.offset))).toEqual(inPartition.map((_, i) => i));
      // The explicitly placed records are first on their partition, in send order.
      expect(inPartition.slice(0, 4).map((s) => [s.key, s.value])).toEqual(
        [0, 1, 2, 3].map((i) => [`p${partition}`, `explicit-${partition}-${i}`]),
      );
    }
    for (const key of ['alpha', 'beta', 'gamma', 'delta']) {
      const forKey = seen.filter((s) => s.key === key);
      expect(new Set(forKey.map((s) => s.partition)).size).toBe(1);
      expect(forKey.map((s) => s.value)).toEqual([0, 1, 2].map((i) => `${key}-${i}`));
    }
  }, 120_000);

  it('does a transactional consume -> produce with sendOffsets + commit, visible to read-committed readers', async () => {
    const input = `test-tx-in-${run}`;
    const output = `test-tx-out-${run}`;
    const groupId = `tx-processor-${run}`;
    await createTopicsAndWait(admin, [
      { topic: input, numPartitions: 3 },
      { topic: output, numPartitions: 3 },
    ]);

    // Idempotent: a send retried after NOT_LEADER (a topic created a moment ago) must not write the input twice.
    const plain = track(kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner, idempotent: true, maxInFlightRequests: 1 }));
    await plain.connect();
    const inputs = Array.from({ length: 6 }, (_, i) => ({ key: `k${i}`, value: `v${i}`, partition: i % 3 }));
    await plain.send({ topic: input, messages: inputs });

    const txProducer = track(
      kafka.producer({
        transactionalId: `tx-${run}`,
        idempotent: true,
        maxInFlightRequests: 1,
        createPartitioner: Partitioners.DefaultPartitioner,
      }),
    );
    await txProducer.connect();

    // The processor: one transaction per fetched batch, committing the consumed offsets atomically
    // with the output. (Per batch rather than per record keeps a loaded 2-core machine from
    // hitting request timeouts, after which kafkajs would retry a record in a new transaction.)
    const processor = track(kafka.consumer({ groupId, readUncommitted: false, maxWaitTimeInMs: 500 }));
    let processed = 0;
    await processor.connect();
    await processor.subscribe({ topic: input, fromBeginning: true });
    await processor.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      eachBatch: async ({ batch, resolveOffset }) => {
        if (batch.messages.length === 0) return;
        const tx = await txProducer.transaction();
        try {
          await tx.send({
            topic: output,
            messages: batch.messages.map((message) => ({ key: message.key, value: `processed:${message.value?.toString()}` })),
          });
          const last = batch.messages[batch.messages.length - 1]!;
          await tx.sendOffsets({
            consumerGroupId: groupId,
            topics: [{ topic: batch.topic, partitions: [{ partition: batch.partition, offset: (BigInt(last.offset) + 1n).toString() }] }],
          });
          await tx.commit();
          resolveOffset(last.offset);
          processed += batch.messages.length;
        } catch (err) {
          await tx.abort();
          throw err;
        }
      },
    });
    await waitFor('the processor to commit all 6 records', () => processed >= inputs.length);
    await processor.disconnect();

    // An aborted transaction, then a committed sentinel: a read-committed reader that has seen the
    // sentinel has read past the aborted record, so its absence is meaningful.
    const aborted = await txProducer.transaction();
    await aborted.send({ topic: output, messages: [{ key: 'aborted', value: 'must-not-be-seen', partition: 0 }] });
    await aborted.abort();
    const sentinelTx = await txProducer.transaction();
    await sentinelTx.send({ topic: output, messages: [{ key: 'sentinel', value: 'end', partition: 0 }] });
    await sentinelTx.commit();

    const committed = await consumeAll(output, (s) => s.some((r) => r.key === 'sentinel'));
    expect(committed.find((r) => r.key === 'aborted')).toBeUndefined();
    expect(committed.filter((r) => r.key !== 'sentinel').map((r) => `${r.key}=${r.value}`).sort()).toEqual(
      inputs.map((m) => `${m.key}=processed:${m.value}`).sort(),
    );

    // Control: the aborted record really was written, so the check above is not vacuous.
    const uncommitted = await consumeAll(output, (s) => s.some((r) => r.key === 'sentinel'), { readUncommitted: true });
    expect(uncommitted.some((r) => r.key === 'aborted')).toBe(true);

    // The group's committed offsets moved to the end of every input partition.
    const [offsets] = await admin.fetchOffsets({ groupId, topics: [input] });
    const committedByPartition = Object.fromEntries((offsets?.partitions ?? []).map((p) => [p.partition, Number(p.offset)]));
    expect(committedByPartition).toEqual({ 0: 2, 1: 2, 2: 2 });
    const ends = await admin.fetchTopicOffsets(input);
    for (const p of ends) expect(committedByPartition[p.partition]).toBe(Number(p.high));
  }, 150_000);
});
