import type { RecordOrigin } from "./stream-record";

/** Why a record could not be processed. Codes are stable: they travel in dead-letter headers. */
export type DeadLetterCode =
  | "decode-error"
  | "expression-error"
  | "type-error"
  | "late-record"
  | "event-time-error"
  | "encode-error";

/**
 * A record that failed: it goes to the pipeline's dead-letter topic with
 * headers saying what went wrong, where, and where it came from.
 */
export type DeadLetter = {
  code: DeadLetterCode;
  /** The expression error code or similar detail, when there is one (e.g. D3001). */
  detail?: string;
  message: string;
  nodeId: string;
  origin: RecordOrigin;
  /** The original bytes (for decode errors) or the record's fields as JSON. */
  payload: string | Buffer | null;
  timestamp: number;
};

/** Dead-letter headers, as documented in docs/engine.md. */
export function deadLetterHeaders(letter: DeadLetter): Record<string, string> {
  return {
    "streamline.error.code": letter.code,
    ...(letter.detail ? { "streamline.error.detail": letter.detail } : {}),
    "streamline.error.message": letter.message.slice(0, 2000),
    "streamline.node.id": letter.nodeId,
    "streamline.source.topic": letter.origin.topic,
    "streamline.source.partition": String(letter.origin.partition),
    "streamline.source.offset": letter.origin.offset,
  };
}
