import { Kafka, logLevel, type Producer } from "kafkajs";
import { createTopicsAndWait } from "@/engine/kafka/topic-readiness";

/** The broker the engine and the web server use; the specs talk to it directly, as a user's own clients would. */
export function testKafka(clientId: string): Kafka {
  return new Kafka({ clientId, brokers: (process.env.KAFKA_BROKERS ?? "127.0.0.1:9092").split(","), logLevel: logLevel.NOTHING });
}

/** A word or topic suffix no other run has used, so records of earlier runs never match. */
export function uniqueToken(prefix: string): string {
  return `${prefix}${Date.now().toString(36)}${Math.floor(Math.random() * 36 ** 4).toString(36)}`;
}

/** Creates a topic with the given number of partitions (one keeps records in the order they were sent). */
export async function createTopic(topic: string, partitions = 1): Promise<void> {
  const admin = testKafka("e2e-admin").admin();
  await admin.connect();
  try {
    await createTopicsAndWait(admin, [{ topic, numPartitions: partitions, replicationFactor: 1 }]);
  } finally {
    await admin.disconnect();
  }
}

type Value = string | object;

/** A connected producer; measuring from `send` leaves the connection time out of delays. */
export async function connectProducer(): Promise<{ send: (topic: string, values: readonly Value[]) => Promise<void>; disconnect: () => Promise<void> }> {
  const producer = testKafka("e2e-producer").producer({ idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  return {
    send: async (topic, values) => {
      await producer.send({ topic, messages: values.map((value) => ({ value: typeof value === "string" ? value : JSON.stringify(value) })) });
    },
    disconnect: () => producer.disconnect(),
  };
}

/** Sends record values (strings, or objects sent as JSON) to a topic and waits for the broker to acknowledge them. */
export async function produce(topic: string, values: readonly Value[]): Promise<void> {
  const producer = await connectProducer();
  try {
    await producer.send(topic, values);
  } finally {
    await producer.disconnect();
  }
}

/**
 * Keeps producing `next()` to a topic every `intervalMs` until the returned stop function
 * is called, so rates stay above zero whenever the page reads them.
 */
export async function produceContinuously(topic: string, next: (batch: number) => string[], intervalMs = 300): Promise<() => Promise<void>> {
  const producer: Producer = testKafka("e2e-background").producer({ idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  let running = true;
  const loop = (async () => {
    for (let batch = 0; running; batch++) {
      await producer.send({ topic, messages: next(batch).map((value) => ({ value })) });
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
  })();
  return async () => {
    running = false;
    await loop;
    await producer.disconnect();
  };
}

/**
 * Reads a topic from the beginning as a downstream consumer of committed output would
 * (read_committed, a group of its own) and collects the JSON values `select` keeps,
 * until `done` says the collection is complete or `timeoutMs` passes.
 */
export async function collectJson<T>(
  topic: string,
  select: (value: unknown) => value is T,
  done: (collected: readonly T[]) => boolean,
  timeoutMs = 20_000,
): Promise<T[]> {
  const consumer = testKafka("e2e-consumer").consumer({ groupId: uniqueToken("e2e-read-"), readUncommitted: false, maxWaitTimeInMs: 200 });
  const collected: T[] = [];
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(resolve, timeoutMs);
      consumer
        .run({
          eachMessage: async ({ message }) => {
            let value: unknown;
            try {
              value = JSON.parse(message.value?.toString("utf8") ?? "null");
            } catch {
              return;
            }
            if (!select(value)) return;
            collected.push(value);
            if (done(collected)) {
              clearTimeout(timer);
              resolve();
            }
          },
        })
        .catch(reject);
    });
  } finally {
    await consumer.disconnect();
  }
  return collected;
}
