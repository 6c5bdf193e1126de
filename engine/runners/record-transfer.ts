import type { OutgoingMessage, SourceMessage } from "../runtime/stream-record";

/**
 * Messages packed for `postMessage` to or from a worker thread: every key and
 * value in one byte buffer (transferred, not copied), their lengths (-1 for
 * null) and the per-message numbers in typed arrays. Structured clone would
 * copy a Buffer's whole backing store for each message (a fetched record's
 * value is a view into the fetch response), and cloning objects one by one
 * costs more than parsing them (docs/engine.md, "Two threads").
 */
export type PackedSourceMessages = {
  bytes: Uint8Array;
  keyLengths: Int32Array;
  valueLengths: Int32Array;
  timestamps: Float64Array;
  partitions: Int32Array;
  /** Offsets as numbers when all are below 2^53 (always, in practice), else as strings. */
  offsets: Float64Array | string[];
};

/** Sink output packed the same way; keys stay strings (the producer takes them as strings). */
export type PackedOutgoingMessages = {
  /** The distinct topics, and each message's index into them. */
  topics: string[];
  topicIndexes: Int32Array;
  keys: (string | null)[];
  bytes: Uint8Array;
  valueLengths: Int32Array;
  timestamps: Float64Array;
  /** Per message, only when some message has headers. */
  headers: (Record<string, string> | undefined)[] | null;
};

const maxExactOffset = BigInt(Number.MAX_SAFE_INTEGER);

/** Packs fetched messages for a worker thread (see PackedSourceMessages). */
export function packSourceMessages(messages: readonly SourceMessage[]): PackedSourceMessages {
  const count = messages.length;
  const keyLengths = new Int32Array(count);
  const valueLengths = new Int32Array(count);
  const timestamps = new Float64Array(count);
  const partitions = new Int32Array(count);
  let size = 0;
  let exact = true;
  for (let i = 0; i < count; i++) {
    const message = messages[i]!;
    size += (message.key?.length ?? 0) + (message.value?.length ?? 0);
    // Offsets are decimal strings; beyond 15 digits one may exceed 2^53.
    if (message.offset.length > 15 && BigInt(message.offset) > maxExactOffset) exact = false;
  }
  const bytes = new Uint8Array(size);
  const offsets: Float64Array | string[] = exact ? new Float64Array(count) : new Array<string>(count);
  let at = 0;
  for (let i = 0; i < count; i++) {
    const message = messages[i]!;
    at = put(bytes, at, message.key, keyLengths, i);
    at = put(bytes, at, message.value, valueLengths, i);
    timestamps[i] = message.timestamp;
    partitions[i] = message.partition;
    if (Array.isArray(offsets)) offsets[i] = message.offset;
    else offsets[i] = Number(message.offset);
  }
  return { bytes, keyLengths, valueLengths, timestamps, partitions, offsets };
}

/** The messages of `packSourceMessages`, their keys and values as views into its buffer. */
export function unpackSourceMessages(packed: PackedSourceMessages): SourceMessage[] {
  const { bytes, keyLengths, valueLengths, timestamps, partitions, offsets } = packed;
  const messages = new Array<SourceMessage>(keyLengths.length);
  let at = 0;
  for (let i = 0; i < keyLengths.length; i++) {
    const keyLength = keyLengths[i]!;
    const key = keyLength < 0 ? null : view(bytes, at, keyLength);
    if (keyLength > 0) at += keyLength;
    const valueLength = valueLengths[i]!;
    const value = valueLength < 0 ? null : view(bytes, at, valueLength);
    if (valueLength > 0) at += valueLength;
    messages[i] = { key, value, timestamp: timestamps[i]!, partition: partitions[i]!, offset: String(offsets[i]) };
  }
  return messages;
}

/** Packs sink output (values encoded to UTF-8 here, on the worker thread) for the thread that produces it. */
export function packOutgoingMessages(messages: readonly OutgoingMessage[]): PackedOutgoingMessages {
  const count = messages.length;
  const topics: string[] = [];
  const topicIndexes = new Int32Array(count);
  const keys = new Array<string | null>(count);
  const valueLengths = new Int32Array(count);
  const timestamps = new Float64Array(count);
  let headers: (Record<string, string> | undefined)[] | null = null;
  let capacity = 0;
  for (const message of messages) {
    const value = message.value;
    // UTF-8 takes at most 3 bytes per UTF-16 code unit.
    if (value !== null) capacity += typeof value === "string" ? value.length * 3 : value.length;
  }
  const bytes = Buffer.allocUnsafeSlow(capacity);
  let at = 0;
  let lastTopic = -1;
  for (let i = 0; i < count; i++) {
    const message = messages[i]!;
    if (lastTopic < 0 || topics[lastTopic] !== message.topic) {
      lastTopic = topics.indexOf(message.topic);
      if (lastTopic < 0) lastTopic = topics.push(message.topic) - 1;
    }
    topicIndexes[i] = lastTopic;
    keys[i] = message.key;
    timestamps[i] = message.timestamp;
    const value = message.value;
    if (value === null) valueLengths[i] = -1;
    else if (typeof value === "string") {
      const written = bytes.write(value, at, "utf8");
      valueLengths[i] = written;
      at += written;
    } else {
      bytes.set(value, at);
      valueLengths[i] = value.length;
      at += value.length;
    }
    if (message.headers) {
      headers ??= new Array(count);
      headers[i] = message.headers;
    }
  }
  return { topics, topicIndexes, keys, bytes: new Uint8Array(bytes.buffer, 0, at), valueLengths, timestamps, headers };
}

/** The messages of `packOutgoingMessages`, their values as Buffer views into its buffer. */
export function unpackOutgoingMessages(packed: PackedOutgoingMessages): OutgoingMessage[] {
  const { topics, topicIndexes, keys, bytes, valueLengths, timestamps, headers } = packed;
  const messages = new Array<OutgoingMessage>(keys.length);
  let at = 0;
  for (let i = 0; i < keys.length; i++) {
    const length = valueLengths[i]!;
    const value = length < 0 ? null : view(bytes, at, length);
    if (length > 0) at += length;
    const message: OutgoingMessage = { topic: topics[topicIndexes[i]!]!, key: keys[i]!, value, timestamp: timestamps[i]! };
    const messageHeaders = headers?.[i];
    if (messageHeaders) message.headers = messageHeaders;
    messages[i] = message;
  }
  return messages;
}

/** The buffers to transfer with a packed batch (its byte buffer moves to the receiver). */
export function transferList(packed: { bytes: Uint8Array; timestamps: Float64Array }): ArrayBuffer[] {
  return [packed.bytes.buffer as ArrayBuffer, packed.timestamps.buffer as ArrayBuffer];
}

function put(bytes: Uint8Array, at: number, data: Buffer | null, lengths: Int32Array, i: number): number {
  if (data === null) {
    lengths[i] = -1;
    return at;
  }
  bytes.set(data, at);
  lengths[i] = data.length;
  return at + data.length;
}

function view(bytes: Uint8Array, at: number, length: number): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset + at, length);
}
