// kafkajs's default (Java-compatible) partitioner hashes each key with a
// murmur2 written on its 64-bit `Long` (a BigInt allocated per arithmetic
// step, about a dozen per 4 bytes of key), and filters the partition list for
// available leaders on every message, even one whose key decides its
// partition. In the stateless benchmark's profile these were the largest
// kafkajs items left on the producer side. This is the same partitioner in
// 32-bit integer arithmetic (Java's murmur2 is 32-bit; kafkajs's keeps only
// the low 32 bits of every step that matters), filtering only for keyless
// messages. Installed by kafkajs-patches.ts.

const SEED = 0x9747b28c;
const M = 0x5bd1e995;

/** Kafka's murmur2 of a key (kafkajs's `partitioners/default/murmur2.js`, same result for every key), as a signed 32-bit integer. */
export function murmur2(key: Buffer | string): number {
  const data = Buffer.isBuffer(key) ? key : Buffer.from(String(key));
  const length = data.length;
  let h = SEED ^ length;
  const length4 = length >>> 2;
  for (let i = 0; i < length4; i++) {
    const i4 = i * 4;
    let k = data[i4]! | (data[i4 + 1]! << 8) | (data[i4 + 2]! << 16) | (data[i4 + 3]! << 24);
    k = Math.imul(k, M);
    k ^= k >>> 24;
    k = Math.imul(k, M);
    h = Math.imul(h, M);
    h ^= k;
  }
  const tail = length & ~3;
  switch (length & 3) {
    case 3:
      h ^= data[tail + 2]! << 16;
    // falls through
    case 2:
      h ^= data[tail + 1]! << 8;
    // falls through
    case 1:
      h ^= data[tail]!;
      h = Math.imul(h, M);
  }
  h ^= h >>> 13;
  h = Math.imul(h, M);
  h ^= h >>> 15;
  return h | 0;
}

type PartitionMetadata = { partitionId: number; leader: number };
type PartitionerArgs = { topic: string; partitionMetadata: PartitionMetadata[]; message: { partition?: number | null; key?: Buffer | string | null } };

const toPositive = (x: number) => x & 0x7fffffff;

/**
 * kafkajs's `partitioners/default` (its legacy partitioner on murmur2): an
 * explicit partition, else the key's hash modulo the partition count, else
 * round robin over the partitions with a leader from a random start per topic.
 */
export function createDefaultPartitioner(randomBytes: (size: number) => Buffer, hash: (key: Buffer | string) => number = murmur2) {
  return () => {
    const counters: Record<string, number> = {};
    return ({ topic, partitionMetadata, message }: PartitionerArgs): number => {
      if (!(topic in counters)) counters[topic] = randomBytes(32).readUInt32BE(0);
      const numPartitions = partitionMetadata.length;
      if (message.partition !== null && message.partition !== undefined) return message.partition;
      if (message.key !== null && message.key !== undefined) return toPositive(hash(message.key)) % numPartitions;
      const availablePartitions = partitionMetadata.filter((p) => p.leader >= 0);
      if (availablePartitions.length > 0) return availablePartitions[toPositive(++counters[topic]!) % availablePartitions.length]!.partitionId;
      // No partition has a leader: a partition without one.
      return toPositive(++counters[topic]!) % numPartitions;
    };
  };
}
