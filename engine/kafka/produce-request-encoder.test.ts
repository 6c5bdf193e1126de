import { createRequire } from "node:module";
import fc from "fast-check";
import { afterEach, describe, expect, it, vi } from "vitest";
import { produceEncoderUse, produceRequests } from "./kafkajs-patches";
import { encodeProduceRequest, type ProduceRequestOptions } from "./produce-request-encoder";

/**
 * Our produce request encoder against kafkajs's own, byte for byte, on
 * generated requests: keys and values as strings (any Unicode, lone
 * surrogates included), Buffers or null, headers (single and repeated values),
 * timestamps as strings, numbers or absent, several topics and partitions,
 * transactional or not. kafkajs reads `Date.now()` for messages without a
 * timestamp, so the clock is fixed.
 */

const require = createRequire(import.meta.url);
const Long = require("kafkajs/src/utils/long") as { fromValue: (value: unknown) => { getHighBits: () => number; getLowBits: () => number } };
const crc32c = require("kafkajs/src/protocol/recordBatch/crc32C") as (buffer: Buffer) => number;
const deps = {
  int64: (value: unknown): [number, number] => {
    const long = Long.fromValue(value);
    return [long.getHighBits(), long.getLowBits()];
  },
  crc32c,
};

const text = fc.oneof(fc.string({ maxLength: 40 }), fc.string({ unit: "binary", maxLength: 20 }), fc.string({ unit: "grapheme", maxLength: 10 }));
const bytes = fc.uint8Array({ maxLength: 40 }).map((array) => Buffer.from(array));
const data = fc.oneof(text, bytes, fc.constant(null), fc.constant(undefined));
const headerValue = fc.oneof(text, bytes);
const headers = fc.option(fc.dictionary(fc.string({ maxLength: 8 }), fc.oneof(headerValue, fc.array(headerValue, { minLength: 1, maxLength: 3 })), { maxKeys: 3 }), { nil: undefined });
const time = 1_795_500_000_000;
const timestamp = fc.oneof(
  fc.constant(undefined),
  fc.constant(null),
  fc.integer({ min: time - 100_000, max: time + 100_000 }).map(String),
  fc.integer({ min: time - 100_000, max: time + 100_000 }),
  // Different lengths: kafkajs sorts them as strings, so "first" is not the smallest number.
  fc.integer({ min: 0, max: 10 ** 13 }).map(String),
);
const message = fc.record({ key: data, value: data, timestamp, headers }, { requiredKeys: [] });
const partition = fc.record({ partition: fc.nat(99), messages: fc.array(message, { maxLength: 25 }), firstSequence: fc.option(fc.integer({ min: 0, max: 2 ** 31 - 1 }), { nil: undefined }) });
const request: fc.Arbitrary<ProduceRequestOptions> = fc.record({
  acks: fc.constantFrom(-1, 0, 1),
  timeout: fc.nat(60_000),
  transactionalId: fc.option(fc.string({ minLength: 1, maxLength: 20 }), { nil: undefined }),
  producerId: fc.oneof(fc.constant(undefined), fc.bigInt({ min: -1n, max: 2n ** 63n - 1n }).map((id) => Long.fromValue(id))),
  producerEpoch: fc.integer({ min: 0, max: 32_767 }),
  topicData: fc.array(fc.record({ topic: fc.string({ minLength: 1, maxLength: 30 }), partitions: fc.array(partition, { minLength: 1, maxLength: 3 }) }), { minLength: 1, maxLength: 3 }),
});

afterEach(() => {
  vi.restoreAllMocks();
});

describe("produce request encoder", () => {
  it("writes the bytes kafkajs writes, for any request it takes", async () => {
    const { original, fast } = produceRequests!;
    vi.spyOn(Date, "now").mockReturnValue(time);
    await fc.assert(
      fc.asyncProperty(request, async (options) => {
        // With kafkajs's own CRC-32C, and as installed (with ours, crc32c.ts).
        const ours = encodeProduceRequest(options, deps);
        expect(ours).not.toBeNull();
        const theirs = (await original(options).encode()).buffer;
        expect(ours!.equals(theirs)).toBe(true);
        const before = produceEncoderUse.fast;
        expect((await fast(options).encode()).buffer.equals(theirs)).toBe(true);
        expect(produceEncoderUse.fast).toBe(before + 1);
      }),
      { numRuns: 100 },
    );
  });

  it("is what kafkajs's produce request encodes with, once installed", async () => {
    const { original, fast } = produceRequests!;
    vi.spyOn(Date, "now").mockReturnValue(time);
    const options: ProduceRequestOptions = { acks: -1, timeout: 30_000, transactionalId: "t", producerId: Long.fromValue(7n), producerEpoch: 2, topicData: [{ topic: "out", partitions: [{ partition: 1, firstSequence: 5, messages: [{ key: "k", value: '{"a":1}', timestamp: String(time) }, { key: null, value: null }] }] }] };
    const request = fast(options);
    expect({ apiKey: request.apiKey, apiVersion: request.apiVersion, apiName: request.apiName }).toEqual({ apiKey: 0, apiVersion: 3, apiName: "Produce" });
    const encoded = await request.encode();
    expect(encoded.buffer.equals((await original(options).encode()).buffer)).toBe(true);
    // kafkajs's request framing takes it as one of its encoders.
    const frame = require("kafkajs/src/protocol/request") as (o: object) => Promise<{ buffer: Buffer }>;
    const framed = await frame({ correlationId: 1, clientId: "c", request });
    const expected = await frame({ correlationId: 1, clientId: "c", request: original(options) });
    expect(framed.buffer.equals(expected.buffer)).toBe(true);
  });

  it("leaves requests it does not reproduce to kafkajs, with the same result", async () => {
    const { original, fast } = produceRequests!;
    vi.spyOn(Date, "now").mockReturnValue(time);
    const base = { acks: 1, timeout: 1_000, topicData: [{ topic: "t", partitions: [{ partition: 0, messages: [{ key: "k", value: "v", timestamp: String(time) }] }] }] };
    const cases: ProduceRequestOptions[] = [
      { ...base, compression: 1 }, // gzip
      { ...base, topicData: [{ topic: "t", partitions: [{ partition: 0, messages: [{ key: "k", value: "v", timestamp: "1.5e12" }] }] }] },
      { ...base, topicData: [{ topic: "t", partitions: [{ partition: 0, messages: [{ key: "k", value: "v", timestamp: 2 ** 60 }] }] }] },
    ];
    for (const options of cases) {
      expect(encodeProduceRequest(options, deps)).toBeNull();
      const ours = await fast(options).encode().then((e) => e.buffer, (error: Error) => error.message);
      const theirs = await original(options).encode().then((e) => e.buffer, (error: Error) => error.message);
      if (typeof ours === "string" || typeof theirs === "string") expect(ours).toEqual(theirs);
      // gzip output is not deterministic across calls in general; compare the uncompressed parts' length at least.
      else if (options.compression) expect(ours.length).toBe(theirs.length);
      else expect(ours.equals(theirs)).toBe(true);
    }
  });
});
