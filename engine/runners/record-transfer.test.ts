import { describe, expect, it } from "vitest";
import type { OutgoingMessage, SourceMessage } from "../runtime/stream-record";
import { packOutgoingMessages, packSourceMessages, transferList, unpackOutgoingMessages, unpackSourceMessages } from "./record-transfer";

describe("record transfer between threads", () => {
  it("unpacks fetched messages as they were packed: null, empty and multi-byte keys and values, timestamps, partitions, offsets", () => {
    // Views into one larger buffer, as a fetch response's records are.
    const fetched = Buffer.from("xxkey-1{\"a\":1}ключ{\"b\":\"ü\"}yy");
    const messages: SourceMessage[] = [
      { key: fetched.subarray(2, 7), value: fetched.subarray(7, 14), timestamp: 1_700_000_000_123, partition: 2, offset: "41" },
      { key: null, value: null, timestamp: 0, partition: 0, offset: "0" },
      { key: Buffer.alloc(0), value: Buffer.alloc(0), timestamp: -1, partition: 1, offset: "9007199254740991" },
      { key: fetched.subarray(14, 22), value: fetched.subarray(22, 33), timestamp: 5, partition: 7, offset: "12" },
    ];
    const packed = packSourceMessages(messages);
    expect(packed.offsets).toBeInstanceOf(Float64Array);
    // Only the keys' and values' bytes are copied, not the buffer they are views of.
    expect(packed.bytes.byteLength).toBe(5 + 7 + 8 + 11);
    const unpacked = unpackSourceMessages(structuredClone(packed));
    expect(unpacked.map((m) => ({ ...m, key: m.key?.toString() ?? null, value: m.value?.toString() ?? null }))).toEqual(
      messages.map((m) => ({ ...m, key: m.key?.toString() ?? null, value: m.value?.toString() ?? null })),
    );
    expect(unpacked[1]!.key).toBeNull();
    expect(unpacked[2]!.value).toEqual(Buffer.alloc(0));
    expect(Buffer.isBuffer(unpacked[0]!.value)).toBe(true);
  });

  it("keeps offsets beyond 2^53 exact, as strings", () => {
    const messages: SourceMessage[] = [
      { key: null, value: Buffer.from("a"), timestamp: 1, partition: 0, offset: "9007199254740993" },
      { key: null, value: Buffer.from("b"), timestamp: 2, partition: 0, offset: "9223372036854775806" },
    ];
    const packed = packSourceMessages(messages);
    expect(Array.isArray(packed.offsets)).toBe(true);
    expect(unpackSourceMessages(packed).map((m) => m.offset)).toEqual(["9007199254740993", "9223372036854775806"]);
  });

  it("packs sink output encoded to UTF-8, with topics, null keys and values, and headers where present", () => {
    const messages: OutgoingMessage[] = [
      { topic: "out", key: "k1", value: '{"word":"größe","n":1}', timestamp: 10 },
      { topic: "out", key: null, value: null, timestamp: 11 },
      { topic: "dlq", key: null, value: Buffer.from([0, 255, 1]), timestamp: 12, headers: { "streamline.error.code": "decode-error" } },
      { topic: "out", key: "😀", value: "emoji 😀 and 中文", timestamp: 13 },
      { topic: "other", key: "", value: "", timestamp: 14 },
    ];
    const packed = packOutgoingMessages(messages);
    expect(packed.topics).toEqual(["out", "dlq", "other"]);
    const unpacked = unpackOutgoingMessages(structuredClone(packed, { transfer: transferList(packed) }));
    expect(unpacked.map((m) => ({ ...m, value: m.value === null ? null : Buffer.from(m.value as Buffer) }))).toEqual(
      messages.map((m) => ({ ...m, value: m.value === null ? null : Buffer.from(m.value as string) })),
    );
    expect(unpacked[0]!.headers).toBeUndefined();
    expect(unpacked[2]!.headers).toEqual({ "streamline.error.code": "decode-error" });
  });

  it("packs an empty batch", () => {
    expect(unpackSourceMessages(packSourceMessages([]))).toEqual([]);
    expect(unpackOutgoingMessages(packOutgoingMessages([]))).toEqual([]);
  });
});
