// kafkajs decodes every fetched record in a Decoder of its own, reads the
// timestamp delta as a 64-bit `Long` one byte at a time, and computes the
// record's offset and timestamp by parsing the batch's base values from
// strings and printing the sums back, per record (`Long.fromValue(string)`,
// `add`, `toString`): in the stateless benchmark's profile about a sixth of the
// engine's busy time. This decodes a record batch (magic 2) to the same
// objects with plain numbers, and hands kafkajs's own decoder everything it
// does not reproduce exactly. Installed by kafkajs-patches.ts.

/** kafkajs's Decoder, the part of it the batch decoder uses. */
export type KafkajsDecoder = {
  buffer: Buffer;
  offset: number;
  readInt8(): number;
  readInt16(): number;
  readInt32(): number;
  readInt64(): { toString(): string };
  readAll(): Buffer;
  slice(size: number): KafkajsDecoder;
  forward(size: number): void;
};

/** A decoded record, as kafkajs's record decoder returns it (same keys, same order). */
export type DecodedRecord = {
  magicByte: number;
  attributes: number;
  timestamp: string;
  offset: string;
  key: Buffer | null;
  value: Buffer | null;
  headers: Record<string, unknown>;
  isControlRecord: boolean;
  batchContext: BatchContext;
};

type BatchContext = {
  firstOffset: string;
  firstTimestamp: string;
  partitionLeaderEpoch: number;
  inTransaction: boolean;
  isControlBatch: boolean;
  lastOffsetDelta: number;
  producerId: string;
  producerEpoch: number;
  firstSequence: number;
  maxTimestamp: string;
  timestampType: number;
  magicByte?: number;
};

/** The kafkajs internals the batch decoder needs, passed in so that this module loads without kafkajs. */
export type RecordBatchDecoderDeps = {
  Decoder: new (buffer: Buffer) => KafkajsDecoder;
  PartialMessageError: new (message: string) => Error;
  lookupCodecByAttributes: (attributes: number) => { decompress(buffer: Buffer): Promise<Buffer> } | undefined;
  /** kafkajs's record decoder: what a record this one does not decode exactly goes to. */
  decodeRecordOriginal: (decoder: KafkajsDecoder, batchContext: BatchContext) => DecodedRecord;
  logAppendTime: number;
  createTime: number;
};

/** How many record batches this decoder read itself, and how many records it handed to kafkajs's (so tests can tell the fast path ran). */
export const recordDecoderUse = { batches: 0, fallbackRecords: 0 };

const TIMESTAMP_TYPE_FLAG_MASK = 0x8;
const TRANSACTIONAL_FLAG_MASK = 0x10;
const CONTROL_FLAG_MASK = 0x20;

/** A zig-zag varint as kafkajs reads it (the same arithmetic, so the same result for every input). */
function readVarInt(buffer: Buffer, at: { offset: number }): number {
  let currentByte: number;
  let result = 0;
  let i = 0;
  do {
    currentByte = buffer[at.offset++]!;
    result += (currentByte & 0x7f) << i;
    i += 7;
  } while (currentByte >= 0x80);
  return (result >>> 1) ^ -(result & 1);
}

/** A zig-zag varlong as a number, or null when it would not be exact (more than 7 bytes: beyond 2^49). */
function readVarLong(buffer: Buffer, at: { offset: number }): number | null {
  let currentByte: number;
  let raw = 0;
  let scale = 1;
  let bytes = 0;
  do {
    if (bytes === 7) return null;
    currentByte = buffer[at.offset++]!;
    raw += (currentByte & 0x7f) * scale;
    scale *= 128;
    bytes++;
  } while (currentByte >= 0x80);
  return raw % 2 === 0 ? raw / 2 : -(raw + 1) / 2;
}

/**
 * The records of one batch, from the position of its first record (after the
 * record count) in `buffer`. A record with headers, or whose timestamp or
 * offset would not be exact as a number, is read by kafkajs's decoder.
 */
function decodeRecordsFast(buffer: Buffer, start: number, count: number, context: BatchContext, deps: RecordBatchDecoderDeps): DecodedRecord[] {
  const records = new Array<DecodedRecord>(count);
  const firstOffset = Number(context.firstOffset);
  const firstTimestamp = Number(context.firstTimestamp);
  const exactBase = Number.isSafeInteger(firstOffset + context.lastOffsetDelta) && Number.isSafeInteger(firstTimestamp);
  const appendTime = context.timestampType === deps.logAppendTime && context.maxTimestamp ? context.maxTimestamp : null;
  const magicByte = context.magicByte!;
  const isControlRecord = context.isControlBatch;
  const at = { offset: start };
  for (let i = 0; i < count; i++) {
    const length = readVarInt(buffer, at);
    const recordStart = at.offset;
    const recordEnd = recordStart + length;
    const attributes = buffer.readInt8(at.offset++);
    const timestampDelta = readVarLong(buffer, at);
    const offsetDelta = readVarInt(buffer, at);
    const timestamp = appendTime ?? (timestampDelta === null ? null : firstTimestamp + timestampDelta);
    if (!exactBase || timestamp === null || (typeof timestamp === "number" && !Number.isSafeInteger(timestamp))) {
      records[i] = fallback(buffer, recordStart, recordEnd, context, deps);
      at.offset = recordEnd;
      continue;
    }
    const keyLength = readVarInt(buffer, at);
    const key = keyLength === -1 ? null : buffer.slice(at.offset, at.offset + keyLength);
    if (keyLength > 0) at.offset += keyLength;
    const valueLength = readVarInt(buffer, at);
    const value = valueLength === -1 ? null : buffer.slice(at.offset, at.offset + valueLength);
    if (valueLength > 0) at.offset += valueLength;
    const headerCount = readVarInt(buffer, at);
    if (headerCount > 0) {
      // Headers are rare on the hot path (dead letters); kafkajs's own fold keeps their exact shape.
      records[i] = fallback(buffer, recordStart, recordEnd, context, deps);
      at.offset = recordEnd;
      continue;
    }
    records[i] = {
      magicByte,
      attributes,
      timestamp: typeof timestamp === "string" ? timestamp : String(timestamp),
      offset: String(firstOffset + offsetDelta),
      key,
      value,
      headers: {},
      isControlRecord,
      batchContext: context,
    };
    at.offset = recordEnd;
  }
  return records;
}

function fallback(buffer: Buffer, start: number, end: number, context: BatchContext, deps: RecordBatchDecoderDeps): DecodedRecord {
  recordDecoderUse.fallbackRecords++;
  return deps.decodeRecordOriginal(new deps.Decoder(buffer.slice(start, end)), context);
}

/**
 * A drop-in for kafkajs's `protocol/recordBatch/v0/decoder.js` (record batch
 * v2): the same batch fields, read the same way, and the records decoded by
 * `decodeRecordsFast`, compressed batches after kafkajs's codec.
 */
export function createRecordBatchDecoder(deps: RecordBatchDecoderDeps) {
  return async (fetchDecoder: KafkajsDecoder) => {
    const firstOffset = fetchDecoder.readInt64().toString();
    const length = fetchDecoder.readInt32();
    const decoder = fetchDecoder.slice(length);
    fetchDecoder.forward(length);
    const remainingBytes = Buffer.byteLength(decoder.buffer);
    if (remainingBytes < length) {
      throw new deps.PartialMessageError(`Tried to decode a partial record batch: remainingBytes(${remainingBytes}) < recordBatchLength(${length})`);
    }
    const partitionLeaderEpoch = decoder.readInt32();
    const magicByte = decoder.readInt8();
    decoder.readInt32(); // CRC: kafkajs does not check it either
    const attributes = decoder.readInt16();
    const lastOffsetDelta = decoder.readInt32();
    const firstTimestamp = decoder.readInt64().toString();
    const maxTimestamp = decoder.readInt64().toString();
    const producerId = decoder.readInt64().toString();
    const producerEpoch = decoder.readInt16();
    const firstSequence = decoder.readInt32();
    const inTransaction = (attributes & TRANSACTIONAL_FLAG_MASK) > 0;
    const isControlBatch = (attributes & CONTROL_FLAG_MASK) > 0;
    const timestampType = (attributes & TIMESTAMP_TYPE_FLAG_MASK) > 0 ? deps.logAppendTime : deps.createTime;
    const codec = deps.lookupCodecByAttributes(attributes);
    const recordContext = { firstOffset, firstTimestamp, partitionLeaderEpoch, inTransaction, isControlBatch, lastOffsetDelta, producerId, producerEpoch, firstSequence, maxTimestamp, timestampType };
    const context: BatchContext = { ...recordContext, magicByte };
    recordDecoderUse.batches++;
    let records: DecodedRecord[];
    if (!codec) {
      const count = decoder.readInt32();
      records = count === -1 ? [] : decodeRecordsFast(decoder.buffer, decoder.offset, count, context, deps);
    } else {
      const count = decoder.readInt32();
      if (count <= 0) records = [];
      else records = decodeRecordsFast(await codec.decompress(decoder.readAll()), 0, count, context, deps);
    }
    return { ...recordContext, records };
  };
}
