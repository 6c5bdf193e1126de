import { describe, expect, it } from "vitest";
import { groupMessagesPerPartition, kafkajsPatched, recordEncoders } from "./kafkajs-patches";

describe("kafkajs patches", () => {
  it("group messages by partition in send order", () => {
    const messages = Array.from({ length: 10 }, (_, i) => ({ i }));
    const grouped = groupMessagesPerPartition({ topic: "t", partitionMetadata: [{}, {}, {}], messages, partitioner: ({ message }) => (message as { i: number }).i % 3 });
    expect(grouped).toEqual({ 0: [{ i: 0 }, { i: 3 }, { i: 6 }, { i: 9 }], 1: [{ i: 1 }, { i: 4 }, { i: 7 }], 2: [{ i: 2 }, { i: 5 }, { i: 8 }] });
    expect(groupMessagesPerPartition({ topic: "t", partitionMetadata: [], messages, partitioner: () => 0 })).toEqual({});
  });

  it("encode records byte for byte as kafkajs does", () => {
    expect(kafkajsPatched).toBe(true);
    const { original, fast } = recordEncoders!;
    const values: (string | Buffer | null)[] = [null, "", "plain", '{"word":"ß","count":3}', "€".repeat(300), Buffer.from([0, 1, 2, 255]), Buffer.alloc(0), "x".repeat(20_000)];
    const deltas = [0, 1, -1, 63, 64, -65, 8_191, 8_192, 2 ** 31, -(2 ** 31) - 5, 1_795_500_000_000, -1_795_500_000_000];
    for (const value of values) {
      for (const key of [null, "k", Buffer.from("key"), "ключ"]) {
        for (const [i, timestampDelta] of deltas.entries()) {
          const record = { offsetDelta: i * 997, timestampDelta, key, value };
          expect(fast(record).buffer.equals(original(record).buffer)).toBe(true);
        }
      }
    }
    const withHeaders = { offsetDelta: 1, timestampDelta: 2, key: "k", value: "v", headers: { a: "1" } };
    expect(fast(withHeaders).buffer.equals(original(withHeaders).buffer)).toBe(true);
    expect(fast({ offsetDelta: 0, timestampDelta: "17", key: null, value: "v" }).buffer.equals(original({ offsetDelta: 0, timestampDelta: "17", key: null, value: "v" }).buffer)).toBe(true);
  });
});
