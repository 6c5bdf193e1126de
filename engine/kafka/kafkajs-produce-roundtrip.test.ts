// The patches first: they must be in Node's module cache before kafkajs loads its producer.
import { kafkajsPatched, produceEncoderUse } from "./kafkajs-patches";
import { Kafka, logLevel, type IHeaders } from "kafkajs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTopics, testBrokers, uniqueName, ensureTestBroker } from "../runners/kafka-test-kit";

/**
 * Records written through our produce request encoder come back from the real
 * broker (started by scripts/kafka.mjs, or KAFKA_BROKERS) as they were sent:
 * keys, values and headers as bytes, null keys and values, timestamps, several
 * partitions, idempotent and transactional producers. The broker checks each
 * batch's CRC, so a wrong checksum fails the send.
 */

const kafka = new Kafka({ clientId: "produce-roundtrip", brokers: testBrokers, logLevel: logLevel.NOTHING });

beforeAll(async () => {
  await ensureTestBroker();
});

type Sent = { key: Buffer | string | null; value: Buffer | string | null; timestamp: string; headers?: IHeaders; partition: number };

function messages(count: number, base: number): Sent[] {
  return Array.from({ length: count }, (_, i) => ({
    key: i % 7 === 0 ? null : i % 2 ? `k${i}` : Buffer.from([i % 256, 0, 255]),
    value: i % 11 === 0 ? null : i % 3 ? JSON.stringify({ i, word: "grüße €", text: "x".repeat(i % 50) }) : Buffer.from(`raw-${i}`),
    timestamp: String(base + i * 13),
    headers: i % 5 === 0 ? { origin: `o${i}`, many: ["a", Buffer.from("b")], empty: "" } : undefined,
    partition: i % 3,
  }));
}

const asBuffer = (data: Buffer | string | null) => (data === null ? null : Buffer.isBuffer(data) ? data : Buffer.from(data));

async function readBack(topic: string, count: number) {
  const consumer = kafka.consumer({ groupId: uniqueName("roundtrip-reader"), readUncommitted: false, maxWaitTimeInMs: 100 });
  const received: { key: Buffer | null; value: Buffer | null; timestamp: string; headers: IHeaders; partition: number }[] = [];
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({ eachMessage: async ({ message, partition }) => void received.push({ key: message.key, value: message.value, timestamp: message.timestamp, headers: message.headers ?? {}, partition }) });
    const deadline = Date.now() + 60_000;
    while (received.length < count && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    return received;
  } finally {
    await consumer.disconnect();
  }
}

function expectSame(sent: Sent[], received: Awaited<ReturnType<typeof readBack>>) {
  expect(received.length).toBe(sent.length);
  for (const partition of [0, 1, 2]) {
    const mine = sent.filter((m) => m.partition === partition);
    const theirs = received.filter((m) => m.partition === partition);
    expect(theirs.map((m) => m.timestamp)).toEqual(mine.map((m) => m.timestamp));
    expect(theirs.map((m) => m.key)).toEqual(mine.map((m) => asBuffer(m.key)));
    expect(theirs.map((m) => m.value)).toEqual(mine.map((m) => asBuffer(m.value)));
    theirs.forEach((m, i) => {
      const headers = mine[i]!.headers;
      if (!headers) expect(m.headers).toEqual({});
      else {
        expect(m.headers.origin).toEqual(Buffer.from(headers.origin as string));
        expect(m.headers.many).toEqual([Buffer.from("a"), Buffer.from("b")]);
        expect(m.headers.empty).toEqual(Buffer.alloc(0));
      }
    });
  }
}

describe("produce requests from our encoder on the broker", () => {
  const topics: string[] = [];
  afterAll(async () => {
    const admin = kafka.admin();
    await admin.connect();
    await admin.deleteTopics({ topics }).catch(() => undefined);
    await admin.disconnect();
  });

  it("come back as sent (idempotent producer)", async () => {
    expect(kafkajsPatched).toBe(true);
    const topic = uniqueName("produce-roundtrip");
    topics.push(topic);
    await createTopics([topic], 3);
    const sent = messages(500, 1_795_500_000_000);
    const producer = kafka.producer({ idempotent: true, allowAutoTopicCreation: false });
    await producer.connect();
    const before = produceEncoderUse.fast;
    try {
      await producer.send({ topic, messages: sent.slice(0, 250) });
      await producer.send({ topic, messages: sent.slice(250) });
    } finally {
      await producer.disconnect();
    }
    expect(produceEncoderUse.fast).toBeGreaterThanOrEqual(before + 2);
    expectSame(sent, await readBack(topic, sent.length));
  });

  it("come back as sent (transactional producer, read committed)", async () => {
    const topic = uniqueName("produce-roundtrip-txn");
    topics.push(topic);
    await createTopics([topic], 3);
    const sent = messages(300, 1_795_600_000_000);
    const producer = kafka.producer({ transactionalId: uniqueName("roundtrip-txn"), idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false });
    await producer.connect();
    const before = produceEncoderUse.fast;
    try {
      const transaction = await producer.transaction();
      await transaction.send({ topic, messages: sent });
      await transaction.commit();
    } finally {
      await producer.disconnect();
    }
    expect(produceEncoderUse.fast).toBeGreaterThanOrEqual(before + 1);
    expectSame(sent, await readBack(topic, sent.length));
  });
});
