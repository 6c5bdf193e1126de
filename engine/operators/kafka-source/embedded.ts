import type { KafkaSourceData } from "./description";
import type { DeadLetter } from "../../runtime/dead-letter";
import type { SourceMessage, StreamRecord } from "../../runtime/stream-record";

export type SourceDecoder = (message: SourceMessage, topic: string) => StreamRecord | DeadLetter;

/**
 * Decodes Kafka messages into records: `json` values must be JSON objects
 * (their fields become the record's fields); `text` values become one field,
 * `text`. A value that cannot be decoded becomes a dead letter with its bytes.
 */
export function createSourceDecoder(nodeId: string, data: KafkaSourceData): SourceDecoder {
  const utf8 = new TextDecoder("utf-8", { fatal: true });
  const fail = (message: SourceMessage, topic: string, reason: string): DeadLetter => ({
    code: "decode-error",
    message: reason,
    nodeId,
    origin: { topic, partition: message.partition, offset: message.offset },
    payload: message.value,
    timestamp: message.timestamp,
  });
  return (message, topic) => {
    if (message.value === null) return fail(message, topic, "The message has no value (a tombstone); a source needs a value to decode");
    let text: string;
    try {
      text = utf8.decode(message.value);
    } catch {
      return fail(message, topic, "The message value is not valid UTF-8");
    }
    const origin = { topic, partition: message.partition, offset: message.offset };
    if (data.format === "text") return { fields: { text }, timestamp: message.timestamp, origin };
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      return fail(message, topic, `The message value is not valid JSON: ${error instanceof Error ? error.message : "unreadable"}`);
    }
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
      return fail(message, topic, `A json source needs each value to be a JSON object, got ${Array.isArray(parsed) ? "an array" : parsed === null ? "null" : typeof parsed}`);
    }
    return { fields: parsed as Record<string, unknown>, timestamp: message.timestamp, origin };
  };
}

/** True when a decoder's result is a dead letter rather than a record. */
export function isDeadLetter(result: StreamRecord | DeadLetter): result is DeadLetter {
  return "code" in result;
}
