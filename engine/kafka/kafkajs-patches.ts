import { createRequire } from "node:module";
import { crc32c } from "./crc32c";
import { createBatchClass } from "./consumer-batch";
import { filterAbortedTransactions } from "./aborted-transactions";
import { createDefaultPartitioner, murmur2 } from "./default-partitioner";
import { createRecordBatchDecoder, type RecordBatchDecoderDeps } from "./record-batch-decoder";
import { encodeProduceRequest, type ProduceRequestOptions } from "./produce-request-encoder";
import { varIntSize, writeVarInt, zigZag } from "./varint";

// kafkajs 2.2.4 is final (the project has no maintainers), so its internals do
// not move. Three of its producer functions were the largest items of the
// engine's CPU profiles under load (partition grouping, the record encoder and
// the produce request encoder around it), and on the consumer side its record
// batch decoder and the Batch around the fetched records, and the default
// partitioner's murmur2 in between; this module replaces them with versions that produce the same
// result (byte for byte, object for object), by putting them in Node's module
// cache before kafkajs requires its own. See docs/engine.md.

type Grouping = (options: { topic: string; partitionMetadata: unknown[]; messages: unknown[]; partitioner: (options: { topic: string; partitionMetadata: unknown[]; message: unknown }) => number }) => Record<number, unknown[]>;

/**
 * kafkajs groups the messages of a send by partition with `[...current,
 * message]` per message: quadratic in the messages per partition (about 6% of
 * the engine's CPU). The same function in linear time, same result
 * (partition → messages in send order).
 */
export const groupMessagesPerPartition: Grouping = ({ topic, partitionMetadata, messages, partitioner }) => {
  const result: Record<number, unknown[]> = {};
  if (partitionMetadata.length === 0) return result;
  for (const message of messages) {
    const partition = partitioner({ topic, partitionMetadata, message });
    (result[partition] ??= []).push(message);
  }
  return result;
};

type EncoderLike = { buf: Buffer; offset: number };
type RecordInput = { offsetDelta?: number; timestampDelta?: number | string; key?: Buffer | string | null; value?: Buffer | string | null; headers?: Record<string, unknown> };

/**
 * kafkajs encodes each produced record in a new Encoder, which zero-fills a
 * 512-byte buffer, and sizes its timestamp with 64-bit Long arithmetic: about
 * 2.5 µs a record, 10–15% of the engine's CPU. This writes the same bytes into
 * one buffer of the exact size (about 0.4 µs); records with headers (dead
 * letters) or a timestamp delta beyond 2^53 go to the original.
 */
function fastRecord(original: (record: RecordInput) => EncoderLike, encoderPrototype: object) {
  return (record: RecordInput): EncoderLike => {
    const { offsetDelta = 0, timestampDelta = 0, key, value, headers } = record;
    const delta = Number(timestampDelta);
    if ((headers && Object.keys(headers).length > 0) || !Number.isSafeInteger(delta) || !Number.isSafeInteger(offsetDelta)) return original(record);
    const keyData = key == null ? null : Buffer.isBuffer(key) ? key : String(key);
    const valueData = value == null ? null : Buffer.isBuffer(value) ? value : String(value);
    const keyLength = keyData === null ? -1 : typeof keyData === "string" ? Buffer.byteLength(keyData) : keyData.length;
    const valueLength = valueData === null ? -1 : typeof valueData === "string" ? Buffer.byteLength(valueData) : valueData.length;
    // attributes, timestamp delta, offset delta, key, value, header count (0)
    const body = 1 + varIntSize(zigZag(delta)) + varIntSize(zigZag(offsetDelta)) + varIntSize(zigZag(keyLength)) + Math.max(keyLength, 0) + varIntSize(zigZag(valueLength)) + Math.max(valueLength, 0) + 1;
    const buffer = Buffer.allocUnsafe(varIntSize(zigZag(body)) + body);
    let offset = writeVarInt(buffer, 0, zigZag(body));
    buffer[offset++] = 0;
    offset = writeVarInt(buffer, offset, zigZag(delta));
    offset = writeVarInt(buffer, offset, zigZag(offsetDelta));
    offset = writeVarInt(buffer, offset, zigZag(keyLength));
    if (keyLength > 0) offset += typeof keyData === "string" ? buffer.write(keyData, offset) : (keyData as Buffer).copy(buffer, offset);
    offset = writeVarInt(buffer, offset, zigZag(valueLength));
    if (valueLength > 0) offset += typeof valueData === "string" ? buffer.write(valueData, offset) : (valueData as Buffer).copy(buffer, offset);
    buffer[offset++] = 0;
    const encoder = Object.create(encoderPrototype) as EncoderLike;
    encoder.buf = buffer;
    encoder.offset = offset;
    return encoder;
  };
}

type RecordEncoder = (record: RecordInput) => EncoderLike & { buffer: Buffer };
type RecordBatchDecoder = (decoder: unknown) => Promise<{ records: unknown[] } & Record<string, unknown>>;

type PartitionerFactory = () => (args: { topic: string; partitionMetadata: { partitionId: number; leader: number }[]; message: { partition?: number | null; key?: Buffer | string | null } }) => number;

/** kafkajs's default partitioner and ours (default-partitioner.ts), with both murmur2s, once installed (for the equivalence test). */
export let partitioners: { original: PartitionerFactory; fast: PartitionerFactory; murmur2: { original: (key: Buffer | string) => number; fast: (key: Buffer | string) => number } } | null = null;

type ConsumerBatchClass = new (topic: string, fetchedOffset: string, partitionData: unknown) => Record<string, unknown>;

/** kafkajs's consumer Batch class and ours (consumer-batch.ts), once installed (for the equivalence test). */
export let consumerBatches: { original: ConsumerBatchClass; fast: ConsumerBatchClass } | null = null;

/** kafkajs's record batch decoder and ours (record-batch-decoder.ts), once installed (for the equivalence test). */
export let recordBatchDecoders: { original: RecordBatchDecoder; fast: RecordBatchDecoder } | null = null;

/** The original and the fast record encoder, once installed (for the equivalence test). */
export let recordEncoders: { original: RecordEncoder; fast: RecordEncoder } | null = null;

/**
 * Puts the replacements in the module cache before kafkajs's producer loads.
 * When it cannot (kafkajs already loaded, a bundler's own module system, a
 * moved file) it does nothing and kafkajs works as shipped, only slower.
 */
function install(): boolean {
  try {
    const require = createRequire(import.meta.url);
    const Module = require("node:module") as { new (id: string): NodeJS.Module };
    const put = (request: string, exports: unknown) => {
      const file = require.resolve(request);
      const module = new Module(file);
      module.filename = file;
      module.loaded = true;
      module.exports = exports;
      require.cache[file] = module;
    };
    const grouping = require.resolve("kafkajs/src/producer/groupMessagesPerPartition.js");
    const record = require.resolve("kafkajs/src/protocol/recordBatch/record/v0/index.js");
    const produce = require.resolve("kafkajs/src/protocol/requests/produce/v3/request.js");
    const batchDecoder = require.resolve("kafkajs/src/protocol/recordBatch/v0/decoder.js");
    const consumerBatch = require.resolve("kafkajs/src/consumer/batch.js");
    const defaultPartitioner = require.resolve("kafkajs/src/producer/partitioners/default/index.js");
    if ([grouping, record, produce, batchDecoder, consumerBatch, defaultPartitioner, require.resolve("kafkajs/src/producer/index.js")].some((file) => require.cache[file])) return false;
    // The default partitioner, hashing in 32-bit arithmetic.
    const originalPartitioner = require(defaultPartitioner) as PartitionerFactory;
    const originalMurmur2 = require("kafkajs/src/producer/partitioners/default/murmur2.js") as (key: Buffer | string) => number;
    const fastPartitioner = createDefaultPartitioner(require("kafkajs/src/producer/partitioners/legacy/randomBytes.js") as (size: number) => Buffer) as PartitionerFactory;
    put("kafkajs/src/producer/partitioners/default/index.js", fastPartitioner);
    partitioners = { original: originalPartitioner, fast: fastPartitioner, murmur2: { original: originalMurmur2, fast: murmur2 } };
    // The consumer's Batch, constructed without a Long per record.
    const OriginalBatch = require(consumerBatch) as ConsumerBatchClass;
    const FastBatch = createBatchClass(OriginalBatch, filterAbortedTransactions as Parameters<typeof createBatchClass>[1]) as unknown as ConsumerBatchClass;
    put("kafkajs/src/consumer/batch.js", FastBatch);
    consumerBatches = { original: OriginalBatch, fast: FastBatch };
    // The fetched record batches' decoder: kafkajs's as shipped kept for the tests and for what ours does not decode itself.
    const pristineBatchDecoder = require(batchDecoder) as RecordBatchDecoder;
    const fastBatchDecoder = createRecordBatchDecoder({
      Decoder: require("kafkajs/src/protocol/decoder") as RecordBatchDecoderDeps["Decoder"],
      PartialMessageError: (require("kafkajs/src/errors") as { KafkaJSPartialMessageError: RecordBatchDecoderDeps["PartialMessageError"] }).KafkaJSPartialMessageError,
      lookupCodecByAttributes: (require("kafkajs/src/protocol/message/compression") as Pick<RecordBatchDecoderDeps, "lookupCodecByAttributes">).lookupCodecByAttributes,
      decodeRecordOriginal: require("kafkajs/src/protocol/recordBatch/record/v0/decoder.js") as RecordBatchDecoderDeps["decodeRecordOriginal"],
      logAppendTime: (require("kafkajs/src/protocol/timestampTypes") as { LOG_APPEND_TIME: number }).LOG_APPEND_TIME,
      createTime: (require("kafkajs/src/protocol/timestampTypes") as { CREATE_TIME: number }).CREATE_TIME,
    });
    put("kafkajs/src/protocol/recordBatch/v0/decoder.js", fastBatchDecoder);
    recordBatchDecoders = { original: pristineBatchDecoder, fast: fastBatchDecoder as RecordBatchDecoder };
    // kafkajs's produce request as shipped (it loads the original record encoder), kept for the tests.
    const pristineProduce = require(produce) as ProduceRequestFactory;
    delete require.cache[produce];
    // Load (and keep) the original record encoder, then point the cache entry at the fast one.
    const original = require(record) as RecordEncoder;
    const Encoder = require("kafkajs/src/protocol/encoder") as { prototype: object };
    const fast = fastRecord(original, Encoder.prototype) as RecordEncoder;
    put("kafkajs/src/protocol/recordBatch/record/v0/index.js", fast);
    put("kafkajs/src/producer/groupMessagesPerPartition.js", groupMessagesPerPartition);
    recordEncoders = { original, fast };
    // kafkajs's produce request again, now on the fast record encoder: what ours falls back to.
    const originalProduce = require(produce) as ProduceRequestFactory;
    const Long = require("kafkajs/src/utils/long") as { fromValue: (value: unknown) => { getHighBits: () => number; getLowBits: () => number } };
    const int64 = (value: unknown): [number, number] => {
      const long = Long.fromValue(value);
      return [long.getHighBits(), long.getLowBits()];
    };
    const fastProduce = fastProduceRequest(originalProduce, Encoder.prototype, { int64, crc32c });
    put("kafkajs/src/protocol/requests/produce/v3/request.js", fastProduce);
    produceRequests = { original: pristineProduce, withFastRecords: originalProduce, fast: fastProduce };
    return true;
  } catch {
    return false;
  }
}

type ProduceRequest = { apiKey: number; apiVersion: number; apiName: string; expectResponse: () => boolean; encode: () => Promise<EncoderLike & { buffer: Buffer }> };
type ProduceRequestFactory = (options: ProduceRequestOptions) => ProduceRequest;

/** How many produce requests our encoder wrote, and how many it left to kafkajs's (so tests can tell the fast path ran). */
export const produceEncoderUse = { fast: 0, fallback: 0 };

/**
 * kafkajs's produce request v3 (v4–v7 build on it) as shipped, the same on
 * the fast record encoder (the engine's encoder before this one), and ours:
 * once installed, for the equivalence test and the micro-benchmark.
 */
export let produceRequests: { original: ProduceRequestFactory; withFastRecords: ProduceRequestFactory; fast: ProduceRequestFactory } | null = null;

/**
 * kafkajs's produce request v3 with our encoder (produce-request-encoder.ts)
 * in front of its own: the same request object, whose `encode()` writes the
 * body in one pass, or falls back to kafkajs's when the request has something
 * ours does not reproduce (compression, for one).
 */
function fastProduceRequest(original: ProduceRequestFactory, encoderPrototype: object, deps: Parameters<typeof encodeProduceRequest>[1]): ProduceRequestFactory {
  return (options) => {
    const request = original(options);
    return {
      ...request,
      encode: async () => {
        const body = encodeProduceRequest(options, deps);
        if (body === null) {
          produceEncoderUse.fallback++;
          return request.encode();
        }
        produceEncoderUse.fast++;
        const encoder = Object.create(encoderPrototype) as EncoderLike & { buffer: Buffer };
        encoder.buf = body;
        encoder.offset = body.length;
        return encoder;
      },
    };
  };
}

/** Whether the replacements are in use. */
export const kafkajsPatched = install();
