// The replacements first, as the engine's client loads them (kafkajs-stream-client.ts).
import { consumerBatches, kafkajsPatched } from "./kafkajs-patches";
import { Kafka, logLevel } from "kafkajs";
import { beforeAll, describe, expect, it } from "vitest";
import { createTopics, readCommitted, testBrokers, uniqueName, ensureTestBroker } from "../runners/kafka-test-kit";
import { filterAbortedTransactions, type TransactionalMessage } from "./aborted-transactions";

const kafka = new Kafka({ clientId: "aborted-interleaved", brokers: testBrokers, logLevel: logLevel.NOTHING });

beforeAll(async () => {
  await ensureTestBroker();
});

type Message = TransactionalMessage & { offset: string };

const record = (offset: number, producerId: string, inTransaction = true): Message => ({ offset: String(offset), key: Buffer.from("k"), isControlRecord: false, batchContext: { producerId, inTransaction } });
const marker = (offset: number, producerId: string, abort: boolean): Message => ({ offset: String(offset), key: Buffer.from([0, 0, 0, abort ? 0 : 1]), isControlRecord: true, batchContext: { producerId, inTransaction: true } });
const offsets = (messages: Message[]) => messages.map((message) => Number(message.offset));

describe("filterAbortedTransactions", () => {
  it("drops the records of transactions aborted in any order, keeps committed and non-transactional ones and the markers", () => {
    // A begins at 1, B at 2; B aborts at 4, A at 6; C commits at 8. The broker lists B first (abort order).
    const messages = [record(0, "9", false), record(1, "A"), record(2, "B"), record(3, "A"), marker(4, "B", true), record(5, "A"), marker(6, "A", true), record(7, "C"), marker(8, "C", false), record(9, "A")];
    const aborted = [{ producerId: "B", firstOffset: "2" }, { producerId: "A", firstOffset: "1" }];
    expect(offsets(filterAbortedTransactions({ messages, abortedTransactions: aborted }))).toEqual([0, 4, 6, 7, 8, 9]);
    // kafkajs's own filter lets A's first record through (the bug this replaces).
    const kafkajsFilter = require("kafkajs/src/consumer/filterAbortedMessages.js") as typeof filterAbortedTransactions;
    expect(offsets(kafkajsFilter({ messages, abortedTransactions: aborted }))).toContain(1);
  });

  it("enters every aborted transaction a record has reached, even several at once, beyond 2^53 too", () => {
    const big = 2 ** 60;
    const messages: Message[] = [record(10, "A"), record(11, "B"), marker(12, "A", true), marker(13, "B", true), record(14, "B")].map((message, i) => ({ ...message, offset: String(BigInt(big) + BigInt(i)) }));
    const aborted = [{ producerId: "A", firstOffset: String(BigInt(big)) }, { producerId: "B", firstOffset: String(BigInt(big)) }];
    expect(filterAbortedTransactions({ messages, abortedTransactions: aborted }).map((message) => message.offset)).toEqual([String(BigInt(big) + 2n), String(BigInt(big) + 3n), String(BigInt(big) + 4n)]);
  });

  it("treats only control records as markers, and returns the same array when nothing was aborted", () => {
    // A record whose key happens to be the abort marker's bytes ends nothing.
    const lookalike: Message = { ...record(2, "A"), key: Buffer.from([0, 0, 0, 0]) };
    expect(offsets(filterAbortedTransactions({ messages: [record(1, "A"), lookalike, record(3, "A")], abortedTransactions: [{ producerId: "A", firstOffset: "1" }] }))).toEqual([]);
    const messages = [record(1, "A")];
    expect(filterAbortedTransactions({ messages, abortedTransactions: [] })).toBe(messages);
    expect(filterAbortedTransactions({ messages })).toBe(messages);
  });

  it("is what kafkajs's consumer uses", () => {
    expect(kafkajsPatched).toBe(true);
    expect(consumerBatches).not.toBeNull();
  });
});

describe("read_committed with interleaved aborted transactions", () => {
  it("drops every record of two transactions aborted in the opposite order to the one they began in", { timeout: 60_000 }, async () => {
    const topic = uniqueName("aborted-interleaved");
    await createTopics([topic], 1);
    const first = kafka.producer({ transactionalId: uniqueName("tx-a"), idempotent: true, maxInFlightRequests: 1 });
    const second = kafka.producer({ transactionalId: uniqueName("tx-b"), idempotent: true, maxInFlightRequests: 1 });
    const plain = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await Promise.all([first.connect(), second.connect(), plain.connect()]);
    try {
      await plain.send({ topic, messages: [{ value: "committed-1" }] });
      const a = await first.transaction();
      await a.send({ topic, messages: [{ value: "aborted-a1" }] });
      const b = await second.transaction();
      await b.send({ topic, messages: [{ value: "aborted-b1" }] });
      await a.send({ topic, messages: [{ value: "aborted-a2" }] });
      // B aborts first: the broker lists B's transaction before A's, although A began earlier.
      await b.abort();
      await a.send({ topic, messages: [{ value: "aborted-a3" }] });
      await a.abort();
      await plain.send({ topic, messages: [{ value: "committed-2" }] });
    } finally {
      await Promise.all([first.disconnect(), second.disconnect(), plain.disconnect()]);
    }
    const read = await readCommitted(topic, (messages) => messages.some((m) => m.value === "committed-2"));
    expect(read.map((m) => m.value)).toEqual(["committed-1", "committed-2"]);
  });
});
