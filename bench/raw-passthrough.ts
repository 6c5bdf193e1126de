// The client ceiling: a consume → produce passthrough on plain kafkajs, with
// the same consumer and producer settings as the engine and the same commit
// strategy (whatever arrives while a commit is in flight goes into the next
// one), so the engine's cost over the bare client is what remains.
// The engine's fix of kafkajs's quadratic message grouping, before kafkajs loads: the ceiling is the client as the engine uses it.
import "../engine/kafka/kafkajs-patches";
import { Kafka, logLevel, type Consumer } from "kafkajs";
import { consumerTuning, maxRequestBytes, transactionalRetry } from "../engine/kafka/kafkajs-stream-client";
import { maxPendingBytes } from "../engine/runners/embedded-runner";

export type RawOptions = { brokers: string[]; groupId: string; input: string[]; output: string; guarantee: "exactly-once" | "at-least-once" };

type Outgoing = { key: Buffer | null; value: Buffer | null; timestamp: string };
type Offset = { topic: string; partition: number; offset: string };

export async function runRawPassthrough(options: RawOptions, report: (line: Record<string, unknown>) => void): Promise<() => Promise<void>> {
  // The engine's client settings (createKafkajsClient), so the difference is the engine's own work.
  const kafka = new Kafka({ clientId: "bench-raw", brokers: options.brokers, logLevel: logLevel.WARN, connectionTimeout: 5_000, requestTimeout: 30_000, retry: { retries: 8, initialRetryTime: 200, maxRetryTime: 5_000 } });
  const exactlyOnce = options.guarantee === "exactly-once";
  const consumer: Consumer = kafka.consumer({ groupId: options.groupId, readUncommitted: false, ...consumerTuning });
  const producer = exactlyOnce
    ? kafka.producer({ transactionalId: options.groupId, idempotent: true, maxInFlightRequests: 1, transactionTimeout: 10_000, retry: transactionalRetry })
    : kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  await consumer.connect();
  for (const topic of options.input) await consumer.subscribe({ topic, fromBeginning: true });

  let pending: { messages: Outgoing[]; bytes: number; offsets: Map<string, Offset> } = { messages: [], bytes: 0, offsets: new Map() };
  let flushing: Promise<void> | null = null;
  let failed: Error | null = null;

  const sendChunks = async (send: (messages: Outgoing[]) => Promise<unknown>, messages: Outgoing[]) => {
    let from = 0;
    let bytes = 0;
    for (let i = 0; i < messages.length; i++) {
      bytes += (messages[i]!.value?.length ?? 0) + 64;
      if (bytes >= maxRequestBytes) {
        await send(messages.slice(from, i + 1));
        from = i + 1;
        bytes = 0;
      }
    }
    if (from < messages.length) await send(messages.slice(from));
  };

  const commit = async (batch: typeof pending) => {
    const offsets = [...batch.offsets.values()];
    if (exactlyOnce) {
      const transaction = await producer.transaction();
      try {
        await sendChunks((messages) => transaction.sendBatch({ topicMessages: [{ topic: options.output, messages }], acks: -1 }), batch.messages);
        const topics = [...new Set(offsets.map((o) => o.topic))].map((topic) => ({ topic, partitions: offsets.filter((o) => o.topic === topic).map(({ partition, offset }) => ({ partition, offset })) }));
        await transaction.sendOffsets({ consumerGroupId: options.groupId, topics });
        await transaction.commit();
      } catch (error) {
        await transaction.abort().catch(() => undefined);
        throw error;
      }
    } else {
      await sendChunks((messages) => producer.sendBatch({ topicMessages: [{ topic: options.output, messages }], acks: -1 }), batch.messages);
      await consumer.commitOffsets(offsets);
    }
  };

  const flushLoop = async () => {
    while (pending.offsets.size > 0) {
      const batch = pending;
      pending = { messages: [], bytes: 0, offsets: new Map() };
      await commit(batch);
    }
  };

  const schedule = () => {
    flushing ??= flushLoop().then(
      () => {
        flushing = null;
        if (pending.offsets.size > 0) schedule();
      },
      (error: Error) => {
        failed = error;
        report({ status: "failed", error: error.message });
        process.exit(1);
      },
    );
  };

  await consumer.run({
    autoCommit: false,
    eachBatchAutoResolve: false,
    eachBatch: async ({ batch, resolveOffset }) => {
      if (failed) throw failed;
      if (batch.messages.length === 0) return;
      for (const m of batch.messages) {
        pending.messages.push({ key: m.key, value: m.value, timestamp: m.timestamp });
        pending.bytes += (m.value?.length ?? 0) + 64;
      }
      const last = batch.messages[batch.messages.length - 1]!.offset;
      pending.offsets.set(`${batch.topic}:${batch.partition}`, { topic: batch.topic, partition: batch.partition, offset: (BigInt(last) + 1n).toString() });
      resolveOffset(last);
      schedule();
      // The engine's backpressure bound: the consumer waits while this much output waits for a commit.
      while (flushing && pending.bytes > maxPendingBytes) await flushing;
    },
  });
  report({ status: "running" });

  return async () => {
    await consumer.disconnect().catch(() => undefined);
    if (flushing) await flushing;
    await producer.disconnect().catch(() => undefined);
  };
}
