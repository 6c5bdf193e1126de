// kafkajs's consumer wraps each fetched partition in a Batch whose constructor
// drops the records before the fetched offset with `Long.fromValue(offset)
// .gte(...)` per record: a decimal string parsed into a 64-bit Long for every
// record consumed (after the record batch decoder, the largest kafkajs item
// left in the stateless benchmark's profile). This is the same constructor
// comparing the offsets as numbers (as BigInts beyond 2^53), on kafkajs's own
// Batch prototype, so every method and field stays kafkajs's. Installed by
// kafkajs-patches.ts.

type Message = { offset: string; isControlRecord?: boolean };
type PartitionData = { partition: number; highWatermark: string; abortedTransactions?: unknown[]; messages: Message[] };
type FilterAborted = (options: { messages: Message[]; abortedTransactions?: unknown[] }) => Message[];

/** The fields kafkajs's Batch constructor sets, in its order. */
export type BatchFields = {
  fetchedOffset: string;
  topic: string;
  partition: number;
  highWatermark: string;
  rawMessages: Message[];
  messagesWithinOffset: Message[];
  messages: Message[];
};

/** Whether `offset` ≥ `from`, both decimal strings of 64-bit integers. */
export function offsetAtLeast(offset: string, from: number, fromBig: bigint | null): boolean {
  if (fromBig === null) {
    const value = Number(offset);
    if (Number.isSafeInteger(value)) return value >= from;
  }
  return BigInt(offset) >= (fromBig ?? BigInt(from));
}

/**
 * A constructor for kafkajs's `consumer/batch.js` with `Original`'s prototype,
 * filtering aborted transactions with `filterAbortedMessages` (a no-op unless
 * the fetch reported aborted transactions; kafkajs-patches.ts passes ours,
 * aborted-transactions.ts, which fixes kafkajs's for transactions aborted out
 * of order): `new` on it gives the object kafkajs's gives.
 */
export function createBatchClass(Original: { prototype: object }, filterAbortedMessages: FilterAborted) {
  function Batch(this: BatchFields, topic: string, fetchedOffset: string, partitionData: PartitionData) {
    this.fetchedOffset = fetchedOffset;
    const from = Number(fetchedOffset);
    const fromBig = Number.isSafeInteger(from) ? null : BigInt(fetchedOffset);
    const { abortedTransactions, messages } = partitionData;
    this.topic = topic;
    this.partition = partitionData.partition;
    this.highWatermark = partitionData.highWatermark;
    this.rawMessages = messages;
    // Fetch can return records before the offset asked for (the start of a record batch): kafkajs drops them.
    let within = messages;
    for (let i = 0; i < messages.length; i++) {
      if (!offsetAtLeast(messages[i]!.offset, from, fromBig)) {
        within = messages.filter((message) => offsetAtLeast(message.offset, from, fromBig));
        break;
      }
    }
    // A copy as kafkajs's filter makes one: rawMessages and messagesWithinOffset are never the same array.
    this.messagesWithinOffset = within === messages ? messages.slice() : within;
    this.messages = filterAbortedMessages({ messages: this.messagesWithinOffset, abortedTransactions }).filter((message) => !message.isControlRecord);
  }
  Batch.prototype = Original.prototype;
  return Batch as unknown as new (topic: string, fetchedOffset: string, partitionData: PartitionData) => BatchFields;
}
