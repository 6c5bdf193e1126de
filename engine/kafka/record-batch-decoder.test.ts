import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { kafkajsPatched, recordBatchDecoders, recordEncoders } from "./kafkajs-patches";
import { recordDecoderUse } from "./record-batch-decoder";

// kafkajs's own encoders build the batches; kafkajs's own decoder is the reference.
const require = createRequire(import.meta.url);
const { RecordBatch } = require("kafkajs/src/protocol/recordBatch/v0/index.js") as { RecordBatch: (options: Record<string, unknown>) => Promise<{ buffer: Buffer }> };
const Decoder = require("kafkajs/src/protocol/decoder") as new (buffer: Buffer) => unknown;
const Long = require("kafkajs/src/utils/long") as { fromValue: (value: unknown) => unknown };
const GZIP = 1;

type RecordSpec = { timestampDelta?: number | string; key?: string | Buffer | null; value?: string | Buffer | null; headers?: Record<string, unknown> };

async function batch(records: RecordSpec[], options: { firstOffset?: bigint | number; firstTimestamp?: number | string; maxTimestamp?: number; compression?: number; transactional?: boolean } = {}): Promise<Buffer> {
  const encoded = records.map((r, i) => recordEncoders!.original({ offsetDelta: i, timestampDelta: r.timestampDelta ?? i, key: r.key ?? null, value: r.value === undefined ? `value ${i}` : r.value, headers: r.headers }));
  const result = await RecordBatch({
    records: encoded,
    firstOffset: Long.fromValue(options.firstOffset ?? 1_000),
    firstTimestamp: options.firstTimestamp ?? 1_795_500_000_000,
    maxTimestamp: options.maxTimestamp ?? 1_795_500_000_999,
    lastOffsetDelta: records.length - 1,
    compression: options.compression ?? 0,
    transactional: options.transactional ?? false,
    producerId: Long.fromValue(4242),
    producerEpoch: 3,
    firstSequence: 17,
  });
  return result.buffer;
}

/** Both decoders on the same bytes: the same batch, the same records (keys in the same order), the same error. */
async function expectSameDecoding(bytes: Buffer) {
  const { original, fast } = recordBatchDecoders!;
  const [expected, actual] = await Promise.allSettled([original(new Decoder(bytes)), fast(new Decoder(bytes))]);
  expect(actual.status).toBe(expected.status);
  if (expected.status === "rejected") {
    expect((actual as PromiseRejectedResult).reason).toEqual(expected.reason);
    return;
  }
  const want = expected.value;
  const got = (actual as PromiseFulfilledResult<typeof want>).value;
  expect(got).toEqual(want);
  expect(Object.keys(got)).toEqual(Object.keys(want));
  for (const [i, record] of got.records.entries()) expect(Object.keys(record as object)).toEqual(Object.keys(want.records[i] as object));
  return got;
}

describe("record batch decoder", () => {
  it("is installed in front of kafkajs's", () => {
    expect(kafkajsPatched).toBe(true);
    expect(recordBatchDecoders).not.toBeNull();
  });

  it("decodes records as kafkajs does: keys, values, nulls, empty, multi-byte text, timestamp deltas of every size", async () => {
    const values: (string | Buffer | null)[] = [null, "", "plain", '{"word":"ß","count":3}', "€".repeat(300), Buffer.from([0, 1, 2, 255]), Buffer.alloc(0), "x".repeat(20_000)];
    const deltas = [0, 1, -1, 63, 64, -65, 8_191, 8_192, 2 ** 31, -(2 ** 31) - 5, 1_000_000_000_000, -1_795_500_000_000];
    const records: RecordSpec[] = [];
    for (const value of values) for (const key of [null, "k", Buffer.from("key"), "ключ"]) for (const timestampDelta of deltas) records.push({ key, value, timestampDelta });
    const before = { ...recordDecoderUse };
    const decoded = await expectSameDecoding(await batch(records));
    expect(decoded!.records).toHaveLength(records.length);
    expect(recordDecoderUse.batches).toBe(before.batches + 1);
    expect(recordDecoderUse.fallbackRecords).toBe(before.fallbackRecords);
  });

  it("hands records with headers, and offsets or timestamps beyond 2^53, to kafkajs's decoder with the same result", async () => {
    const before = recordDecoderUse.fallbackRecords;
    await expectSameDecoding(await batch([{ key: "a" }, { key: "b", headers: { origin: "x", retry: ["1", "2"], empty: Buffer.alloc(0) } }, { key: "c" }]));
    expect(recordDecoderUse.fallbackRecords).toBe(before + 1);
    await expectSameDecoding(await batch([{ key: "a" }, { key: "b" }], { firstOffset: 2n ** 60n }));
    await expectSameDecoding(await batch([{ key: "a", timestampDelta: 2 ** 52 }, { key: "b", timestampDelta: "-9223372036854775000" }]));
    await expectSameDecoding(await batch([{ key: "a" }], { firstTimestamp: "9223372036854775000" }));
    await expectSameDecoding(await batch([{ key: "a" }], { firstTimestamp: -1 }));
  });

  it("decodes compressed, transactional, control and log-append-time batches as kafkajs does", async () => {
    const records = Array.from({ length: 50 }, (_, i) => ({ key: `k${i}`, value: JSON.stringify({ i, text: "a line of words ".repeat(i % 7) }) }));
    await expectSameDecoding(await batch(records, { compression: GZIP }));
    await expectSameDecoding(await batch(records, { transactional: true }));
    // The batch attributes (int16 at byte 21: after base offset, length, leader epoch, magic and CRC); kafkajs does not check the CRC.
    const control = await batch([{ key: Buffer.from([0, 0, 0, 0]), value: Buffer.from([0, 0, 0, 0, 0, 0]) }], { transactional: true });
    control[22]! |= 0x20;
    const decodedControl = await expectSameDecoding(control);
    expect((decodedControl!.records[0] as { isControlRecord: boolean }).isControlRecord).toBe(true);
    const appendTime = await batch(records.slice(0, 3));
    appendTime[22]! |= 0x08;
    const decodedAppend = await expectSameDecoding(appendTime);
    expect((decodedAppend!.records[0] as { timestamp: string }).timestamp).toBe("1795500000999");
  });

  it("fails a partial batch as kafkajs does, and reads an empty one", async () => {
    const bytes = await batch([{ key: "a" }, { key: "b" }]);
    await expectSameDecoding(bytes.subarray(0, bytes.length - 3));
    await expectSameDecoding(await batch([]));
  });

  it("leaves the fetch decoder after the batch, so the next batch reads from the right place", async () => {
    const first = await batch([{ key: "a" }, { key: "b" }]);
    const second = await batch([{ key: "c" }], { firstOffset: 1_002 });
    const both = Buffer.concat([first, second]);
    const { fast } = recordBatchDecoders!;
    const decoder = new Decoder(both) as { offset: number };
    const a = await fast(decoder);
    const b = await fast(decoder);
    expect(decoder.offset).toBe(both.length);
    expect((a.records as { offset: string }[]).map((r) => r.offset)).toEqual(["1000", "1001"]);
    expect((b.records as { offset: string; key: Buffer }[]).map((r) => [r.offset, r.key.toString()])).toEqual([["1002", "c"]]);
  });
});
