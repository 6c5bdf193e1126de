import type { KafkaMessage } from "kafkajs";
import type { TopicFormat, TopicMessage } from "@/lib/schemas/topics";
import type { RecordName } from "./compile-filter";
import { decodeBytes, viewBytes } from "./decode-bytes";

/** A record read for the browser: the decoded value a filter sees, and its display form on demand. */
export type ReadRecord = {
  message: KafkaMessage;
  partition: number;
  value: ReturnType<typeof decodeBytes>;
  headers: Record<string, string>;
};

/** Decodes a consumed record's value and headers (keys are decoded when shown or filtered on). */
export function readRecord(partition: number, message: KafkaMessage, format: TopicFormat): ReadRecord {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(message.headers ?? {})) {
    if (value === undefined) continue;
    headers[name] = Array.isArray(value) ? value.map((part) => part.toString()).join(",") : value.toString();
  }
  return { message, partition, value: decodeBytes(message.value, format), headers };
}

/**
 * What a filter sees: the value's fields (a JSON object's), and the record's
 * `key` (text), `value` (the whole decoded value), `headers`, `partition`,
 * `offset` and `timestamp`. These names win over value fields of the same
 * name, which stay reachable as `value.<name>`. Only the names the filter
 * reads are set (`reads`), and a filter that reads none gets the parsed value
 * itself: building a copy per record was most of a search's time.
 */
export function filterRecord(record: ReadRecord, reads: ReadonlySet<RecordName>): unknown {
  const value = record.value.parsed;
  const isObject = value !== null && typeof value === "object" && !Array.isArray(value);
  if (reads.size === 0) return isObject ? value : {};
  const fields: Record<string, unknown> = isObject ? Object.assign({}, value as Record<string, unknown>) : {};
  if (reads.has("key")) fields.key = record.message.key === null ? null : record.message.key.toString("utf8");
  if (reads.has("value")) fields.value = value;
  if (reads.has("headers")) fields.headers = record.headers;
  if (reads.has("partition")) fields.partition = record.partition;
  if (reads.has("offset")) fields.offset = Number(record.message.offset);
  if (reads.has("timestamp")) fields.timestamp = Number(record.message.timestamp);
  return fields;
}

/** The display form of a record: key and value decoded, with their raw bytes as base64. */
export function toTopicMessage(record: ReadRecord, format: TopicFormat): TopicMessage {
  const { message } = record;
  return {
    partition: record.partition,
    offset: message.offset,
    timestamp: Number(message.timestamp),
    key: viewBytes(message.key, decodeBytes(message.key, format === "json" ? "auto" : format)),
    value: viewBytes(message.value, record.value),
    headers: record.headers,
  };
}
