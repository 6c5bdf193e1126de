import type { KafkaSinkData } from "./description";
import { fieldReader } from "../../runtime/read-field";
import type { OutgoingMessage, StreamRecord } from "../../runtime/stream-record";

/**
 * Encodes records as JSON messages for the sink's topic, keyed by the `key`
 * field when set; with `encodeValue` (a registry format, engine/formats) the
 * value is encoded by it instead.
 */
export function createSinkEncoder(data: KafkaSinkData, encodeValue?: (fields: Record<string, unknown>) => Buffer): (record: StreamRecord) => OutgoingMessage {
  const readKey = data.key ? fieldReader(data.key) : null;
  return (record) => {
    const keyValue = readKey ? readKey(record.fields) : null;
    return {
      topic: data.topic,
      key: keyValue === null ? null : typeof keyValue === "string" ? keyValue : JSON.stringify(keyValue),
      value: encodeValue ? encodeValue(record.fields) : JSON.stringify(record.fields),
      timestamp: record.timestamp,
    };
  };
}
