import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createDefaultPartitioner, murmur2 } from "./default-partitioner";
import { kafkajsPatched, partitioners } from "./kafkajs-patches";

describe("default partitioner", () => {
  it("is installed in front of kafkajs's", () => {
    expect(kafkajsPatched).toBe(true);
    expect(partitioners).not.toBeNull();
  });

  it("hashes as Kafka's murmur2 (the vectors of Kafka's own UtilsTest)", () => {
    const vectors: [string, number][] = [["21", -973932308], ["foobar", -790332482], ["a-little-bit-long-string", -985981536], ["a-little-bit-longer-string", -1486304829], ["lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8", -58897971], ["abc", 479470107]];
    for (const [key, expected] of vectors) {
      expect(murmur2(key), key).toBe(expected);
      expect(partitioners!.murmur2.original(key), key).toBe(expected);
    }
  });

  it("hashes every key as kafkajs's murmur2 does: strings, multi-byte text, buffers of every length", () => {
    const original = partitioners!.murmur2.original;
    const keys: (string | Buffer)[] = ["", "a", "ab", "abc", "abcd", "ключ", "日本語のキー", "€".repeat(33)];
    for (let length = 0; length < 64; length++) for (let n = 0; n < 40; n++) keys.push(randomBytes(length));
    for (let i = 0; i < 2_000; i++) keys.push(`order-${i}`, String(i * 7919));
    for (const key of keys) expect(murmur2(key)).toBe(original(key));
  });

  it("chooses the partition kafkajs's chooses for a keyed message or an explicit partition", () => {
    const original = partitioners!.original();
    const fast = partitioners!.fast();
    for (const count of [1, 3, 7, 12]) {
      const partitionMetadata = Array.from({ length: count }, (_, partitionId) => ({ partitionId, leader: partitionId === 1 ? -1 : 0 }));
      for (let i = 0; i < 500; i++) {
        const message = { key: i % 2 ? `key-${i}` : randomBytes(i % 30) };
        expect(fast({ topic: "t", partitionMetadata, message })).toBe(original({ topic: "t", partitionMetadata, message }));
      }
      expect(fast({ topic: "t", partitionMetadata, message: { partition: 5, key: "k" } })).toBe(5);
    }
  });

  it("spreads keyless messages round robin over the partitions with a leader, from a random start per topic", () => {
    const start = Buffer.alloc(32);
    start.writeUInt32BE(41, 0);
    const partition = createDefaultPartitioner(() => start)();
    const partitionMetadata = [0, 1, 2, 3].map((partitionId) => ({ partitionId, leader: partitionId === 2 ? -1 : 1 }));
    const chosen = Array.from({ length: 6 }, () => partition({ topic: "t", partitionMetadata, message: { key: null } }));
    // Counter 42, 43, ... over the available partitions [0, 1, 3].
    expect(chosen).toEqual([0, 1, 3, 0, 1, 3]);
    const noLeader = [0, 1].map((partitionId) => ({ partitionId, leader: -1 }));
    expect(partition({ topic: "u", partitionMetadata: noLeader, message: {} })).toBe(0);
  });
});
