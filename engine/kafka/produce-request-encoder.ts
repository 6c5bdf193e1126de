// A produce request (v3–v7 share one layout) encoded in one pass into one
// buffer of the exact size: the bytes kafkajs 2.2.4 writes, without its
// per-record Encoder objects, object spreads, sorted timestamp strings and
// 64-bit `Long` arithmetic. kafkajs-patches.ts puts it in front of kafkajs's
// own encoder; anything outside what it handles goes to kafkajs's.

import { varIntSize, writeVarInt, zigZag } from "./varint";

/** A message as kafkajs's producer hands it to the request (after partitioning). */
export type ProduceMessage = {
  key?: unknown;
  value?: unknown;
  timestamp?: unknown;
  headers?: unknown;
};

export type ProducePartitionData = { partition: number; messages: ProduceMessage[]; firstSequence?: number | null };
export type ProduceTopicData = { topic: string; partitions: ProducePartitionData[] };

/** What kafkajs's produce request v3 takes (its `producerId` is a kafkajs `Long`). */
export type ProduceRequestOptions = {
  acks: number;
  timeout: number;
  transactionalId?: string | null;
  producerId?: unknown;
  producerEpoch?: number;
  compression?: number;
  topicData: ProduceTopicData[];
};

/** The parts of kafkajs the encoder needs: 64-bit values as kafkajs reads them, and its CRC-32C. */
export type ProduceEncoderDeps = {
  /** High and low 32 bits of a value as kafkajs's `Long.fromValue` reads it. */
  int64: (value: unknown) => [high: number, low: number];
  crc32c: (buffer: Buffer) => number;
};

const TRANSACTIONAL = 16;
const MAGIC = 2;
/** Above this a zig-zag varlong is no longer exact in a double; such records go to kafkajs. */
const MAX_DELTA = 2 ** 51;
const integerText = /^-?\d{1,15}$/;

/** Byte length of a key, value or header value as kafkajs writes it; -1 for null; NaN when kafkajs would not take it the same way. */
function bytesLength(data: unknown): number {
  if (data == null) return -1;
  if (typeof data === "string") return Buffer.byteLength(data);
  if (Buffer.isBuffer(data)) return data.length;
  return Number.NaN;
}

function writeBytes(buffer: Buffer, offset: number, data: unknown, length: number): number {
  offset = writeVarInt(buffer, offset, zigZag(length));
  if (length > 0) offset += typeof data === "string" ? buffer.write(data, offset) : (data as Buffer).copy(buffer, offset);
  return offset;
}

/** A timestamp kafkajs turns into the same 64-bit value as `Number(timestamp)`: a safe integer or its decimal text. */
const plainTimestamp = (timestamp: unknown) => (typeof timestamp === "number" ? Number.isSafeInteger(timestamp) : typeof timestamp === "string" && integerText.test(timestamp));

type Header = { key: string; value: unknown; keyLength: number; valueLength: number };

/** The headers as kafkajs flattens them (arrays become one header per value); null when one is outside the fast path. */
function flattenHeaders(headers: unknown): Header[] | null {
  if (headers === undefined) return [];
  // kafkajs fails on `headers: null` (Object.keys(null)); leave that, and anything odd, to it.
  if (headers === null || typeof headers !== "object") return null;
  const list: Header[] = [];
  for (const key of Object.keys(headers)) {
    const raw = (headers as Record<string, unknown>)[key];
    for (const value of Array.isArray(raw) ? raw : [raw]) {
      // kafkajs throws on a null header value (Buffer.byteLength(null)); leave that to it.
      const valueLength = bytesLength(value);
      if (!(valueLength >= 0)) return null;
      list.push({ key, value, keyLength: Buffer.byteLength(key), valueLength });
    }
  }
  return list;
}

/**
 * The body of a produce request v3 (what kafkajs's `encode()` returns, before
 * the request header), or null when the request has something this encoder
 * does not reproduce exactly (compression, unusual timestamps or keys): the
 * caller then uses kafkajs's encoder. `now` stands for kafkajs's `Date.now()`
 * per partition (the timestamp of messages without one).
 */
export function encodeProduceRequest(options: ProduceRequestOptions, deps: ProduceEncoderDeps, now: () => number = Date.now): Buffer | null {
  const { acks, timeout, transactionalId = null, producerEpoch = 0, compression = 0, topicData } = options;
  if (compression !== 0 || (transactionalId !== null && typeof transactionalId !== "string")) return null;
  if (!Number.isInteger(acks) || !Number.isInteger(timeout) || !Number.isInteger(producerEpoch) || !Array.isArray(topicData)) return null;
  const [producerHigh, producerLow] = deps.int64(options.producerId === undefined ? -1 : options.producerId);
  const attributes = transactionalId ? TRANSACTIONAL : 0;

  // Pass 1: sizes. Per record: its length prefix and body; per partition: its timestamps.
  type Partition = { partition: number; firstSequence: number; first: unknown; max: unknown; deltas: Float64Array; bodies: Int32Array; keys: Int32Array; values: Int32Array; headers: (Header[] | null)[] | null; recordsSize: number; messages: ProduceMessage[] };
  const topics: { topic: string; partitions: Partition[] }[] = [];
  let size = 2 + (transactionalId === null ? 0 : Buffer.byteLength(transactionalId)) + 2 + 4 + 4;
  for (const { topic, partitions } of topicData) {
    if (typeof topic !== "string" || !Array.isArray(partitions)) return null;
    const encoded: Partition[] = [];
    size += 2 + Buffer.byteLength(topic) + 4;
    for (const { partition, messages, firstSequence } of partitions) {
      if (!Number.isInteger(partition) || !Array.isArray(messages) || !(firstSequence == null || Number.isInteger(firstSequence))) return null;
      const count = messages.length;
      const dateNow = now();
      // kafkajs sorts the timestamps as strings (Array#sort's default) and takes the first and the last.
      let first: unknown = null;
      let firstText = "";
      let max: unknown = null;
      let maxText = "";
      for (let i = 0; i < count; i++) {
        const timestamp = messages[i]!.timestamp;
        if (timestamp == null) continue;
        if (!plainTimestamp(timestamp)) return null;
        const text = typeof timestamp === "string" ? timestamp : String(timestamp);
        if (first === null || text < firstText) {
          first = timestamp;
          firstText = text;
        }
        if (max === null || text >= maxText) {
          max = timestamp;
          maxText = text;
        }
      }
      if (first === null) first = max = dateNow;
      const deltas = new Float64Array(count);
      const bodies = new Int32Array(count);
      const keys = new Int32Array(count);
      const values = new Int32Array(count);
      let headers: (Header[] | null)[] | null = null;
      let recordsSize = 0;
      for (let i = 0; i < count; i++) {
        const message = messages[i]!;
        // As kafkajs: a missing (or zero) timestamp is "now"; strings subtract as numbers.
        const delta = ((message.timestamp || dateNow) as number) - (first as number);
        if (!(Math.abs(delta) < MAX_DELTA) || !Number.isInteger(delta)) return null;
        const keyLength = bytesLength(message.key);
        const valueLength = bytesLength(message.value);
        if (Number.isNaN(keyLength) || Number.isNaN(valueLength)) return null;
        let headerSize = 1;
        if (message.headers !== undefined) {
          const list = flattenHeaders(message.headers);
          if (list === null) return null;
          if (list.length > 0) {
            (headers ??= new Array<Header[] | null>(count).fill(null))[i] = list;
            headerSize = varIntSize(zigZag(list.length));
            for (const h of list) headerSize += varIntSize(zigZag(h.keyLength)) + h.keyLength + varIntSize(zigZag(h.valueLength)) + h.valueLength;
          }
        }
        const body = 1 + varIntSize(zigZag(delta)) + varIntSize(zigZag(i)) + varIntSize(zigZag(keyLength)) + Math.max(keyLength, 0) + varIntSize(zigZag(valueLength)) + Math.max(valueLength, 0) + headerSize;
        deltas[i] = delta;
        bodies[i] = body;
        keys[i] = keyLength;
        values[i] = valueLength;
        recordsSize += varIntSize(zigZag(body)) + body;
      }
      // partition, record set size, then the batch: first offset, length, leader epoch, magic, CRC, body (49 bytes before the records).
      size += 4 + 4 + 8 + 4 + 4 + 1 + 4 + 2 + 4 + 8 + 8 + 8 + 2 + 4 + 4 + recordsSize;
      encoded.push({ partition, firstSequence: firstSequence ?? 0, first, max, deltas, bodies, keys, values, headers, recordsSize, messages });
    }
    topics.push({ topic, partitions: encoded });
  }

  // Pass 2: the bytes.
  const buffer = Buffer.allocUnsafe(size);
  let offset = 0;
  if (transactionalId === null) offset = buffer.writeInt16BE(-1, offset);
  else {
    offset = buffer.writeInt16BE(Buffer.byteLength(transactionalId), offset);
    offset += buffer.write(transactionalId, offset);
  }
  offset = buffer.writeInt16BE(acks, offset);
  offset = buffer.writeInt32BE(timeout, offset);
  offset = buffer.writeInt32BE(topics.length, offset);
  for (const { topic, partitions } of topics) {
    offset = buffer.writeInt16BE(Buffer.byteLength(topic), offset);
    offset += buffer.write(topic, offset);
    offset = buffer.writeInt32BE(partitions.length, offset);
    for (const p of partitions) {
      const batchBodySize = 2 + 4 + 8 + 8 + 8 + 2 + 4 + 4 + p.recordsSize;
      const batchSize = 4 + 1 + 4 + batchBodySize;
      offset = buffer.writeInt32BE(p.partition, offset);
      offset = buffer.writeInt32BE(8 + 4 + batchSize, offset);
      offset = buffer.writeInt32BE(0, offset); // first offset (int64 0)
      offset = buffer.writeInt32BE(0, offset);
      offset = buffer.writeInt32BE(batchSize, offset);
      offset = buffer.writeInt32BE(0, offset); // partition leader epoch
      offset = buffer.writeInt8(MAGIC, offset);
      const crcAt = offset;
      offset += 4;
      const bodyAt = offset;
      const count = p.messages.length;
      offset = buffer.writeInt16BE(attributes, offset);
      offset = buffer.writeInt32BE(count - 1, offset); // last offset delta
      const [firstHigh, firstLow] = deps.int64(p.first);
      offset = buffer.writeInt32BE(firstHigh, offset);
      offset = buffer.writeInt32BE(firstLow, offset);
      const [maxHigh, maxLow] = deps.int64(p.max);
      offset = buffer.writeInt32BE(maxHigh, offset);
      offset = buffer.writeInt32BE(maxLow, offset);
      offset = buffer.writeInt32BE(producerHigh, offset);
      offset = buffer.writeInt32BE(producerLow, offset);
      offset = buffer.writeInt16BE(producerEpoch, offset);
      offset = buffer.writeInt32BE(p.firstSequence, offset);
      offset = buffer.writeInt32BE(count, offset);
      for (let i = 0; i < count; i++) {
        const message = p.messages[i]!;
        offset = writeVarInt(buffer, offset, zigZag(p.bodies[i]!));
        buffer[offset++] = 0; // record attributes
        offset = writeVarInt(buffer, offset, zigZag(p.deltas[i]!));
        offset = writeVarInt(buffer, offset, zigZag(i));
        offset = writeBytes(buffer, offset, message.key, p.keys[i]!);
        offset = writeBytes(buffer, offset, message.value, p.values[i]!);
        const headers = p.headers?.[i];
        if (!headers) buffer[offset++] = 0;
        else {
          offset = writeVarInt(buffer, offset, zigZag(headers.length));
          for (const h of headers) {
            offset = writeBytes(buffer, offset, h.key, h.keyLength);
            offset = writeBytes(buffer, offset, h.value, h.valueLength);
          }
        }
      }
      buffer.writeUInt32BE(deps.crc32c(buffer.subarray(bodyAt, offset)), crcAt);
    }
  }
  if (offset !== size) throw new Error(`produce request encoder: wrote ${offset} bytes, sized ${size}`);
  return buffer;
}
