import { decodeRegistryValue } from "../../formats/decode-registry-value";
import type { RegistryCodec } from "../../formats/registry-codec";
import { isRegistryFormat } from "../../formats/registry-formats";
import type { KafkaSourceData } from "./description";
import type { DeadLetter } from "../../runtime/dead-letter";
import { fieldReader } from "../../runtime/read-field";
import type { SourceMessage, StreamRecord } from "../../runtime/stream-record";

export type SourceDecoder = (message: SourceMessage, topic: string) => StreamRecord | DeadLetter;

/**
 * Decodes Kafka messages into records: `json` values must be JSON objects
 * (their fields become the record's fields); `text` values become one field,
 * `text`; `avro`, `protobuf` and `json-schema` values are decoded by the
 * registry codec (engine/formats). A value that cannot be decoded becomes a
 * dead letter with its bytes.
 * Event time is the Kafka record timestamp, or the source's `timeField`
 * (epoch milliseconds or an ISO-8601 string); a record whose time field is
 * missing or unreadable becomes an `event-time-error` dead letter.
 */
export function createSourceDecoder(nodeId: string, data: KafkaSourceData, codec?: RegistryCodec | null): SourceDecoder {
  const utf8 = new TextDecoder("utf-8", { fatal: true });
  const fail = (message: SourceMessage, topic: string, reason: string): DeadLetter => ({
    code: "decode-error",
    message: reason,
    nodeId,
    origin: { topic, partition: message.partition, offset: message.offset },
    payload: message.value,
    timestamp: message.timestamp,
  });
  const eventTime = data.timeField ? eventTimeReader(data.timeField, data.timeFormat ?? "epoch-millis") : null;
  return (message, topic) => {
    if (message.value === null) return fail(message, topic, "The message has no value (a tombstone); a source needs a value to decode");
    const origin = { topic, partition: message.partition, offset: message.offset };
    let parsed: unknown;
    if (isRegistryFormat(data.format)) {
      const decoded = decodeRegistryValue(codec, data.format, message.value);
      if (!decoded.ok) return fail(message, topic, decoded.error);
      parsed = decoded.fields;
    } else {
      let text: string;
      try {
        text = utf8.decode(message.value);
      } catch {
        return fail(message, topic, "The message value is not valid UTF-8");
      }
      if (data.format === "text") return { fields: { text }, timestamp: message.timestamp, origin };
      try {
        parsed = JSON.parse(text);
      } catch (error) {
        return fail(message, topic, `The message value is not valid JSON: ${error instanceof Error ? error.message : "unreadable"}`);
      }
      if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
        return fail(message, topic, `A json source needs each value to be a JSON object, got ${Array.isArray(parsed) ? "an array" : parsed === null ? "null" : typeof parsed}`);
      }
    }
    if (eventTime === null) return { fields: parsed as Record<string, unknown>, timestamp: message.timestamp, origin };
    const time = eventTime(parsed as Record<string, unknown>);
    if (typeof time === "string") {
      return { code: "event-time-error", message: time, nodeId, origin, payload: message.value, timestamp: message.timestamp };
    }
    return { fields: parsed as Record<string, unknown>, timestamp: time, origin };
  };
}

/**
 * ISO-8601 date-times with seconds and an explicit zone (`Z` or ±hh:mm), the
 * form both runtimes read the same way (fractions count to the millisecond);
 * without a zone the instant would depend on a time zone.
 */
const isoDateTime = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;

/**
 * Reads a record's event time from a field: the epoch milliseconds, or a
 * message saying why it cannot (which the decoder turns into a dead letter).
 */
export function eventTimeReader(path: string, format: "epoch-millis" | "iso-8601"): (fields: Record<string, unknown>) => number | string {
  const read = fieldReader(path);
  return (fields) => {
    const value = read(fields);
    if (value === null) return `The event-time field '${path}' is missing or null`;
    if (format === "epoch-millis") {
      if (typeof value !== "number" || !Number.isSafeInteger(value)) {
        return `The event-time field '${path}' must be a whole number of epoch milliseconds, got ${describe(value)}`;
      }
      return value;
    }
    if (typeof value !== "string" || !isoDateTime.test(value)) {
      return `The event-time field '${path}' must be an ISO-8601 date-time with a zone (e.g. 2026-01-01T12:00:00.000Z), got ${describe(value)}`;
    }
    const time = Date.parse(value);
    return Number.isNaN(time) ? `The event-time field '${path}' is not a valid date-time: ${describe(value)}` : time;
  };
}

function describe(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return `${typeof value === "object" ? (Array.isArray(value) ? "an array" : "an object") : `the ${typeof value}`} ${text.length > 60 ? `${text.slice(0, 60)}…` : text}`;
}

/** True when a decoder's result is a dead letter rather than a record. */
export function isDeadLetter(result: StreamRecord | DeadLetter): result is DeadLetter {
  return "code" in result;
}
