/** Where a record entered the pipeline: kept for dead letters and lineage. */
export type RecordOrigin = { topic: string; partition: number; offset: string };

/**
 * A record inside the engine: its fields, its event time (the Kafka record
 * timestamp, carried through operators) and its origin.
 */
export type StreamRecord = {
  fields: Record<string, unknown>;
  timestamp: number;
  origin: RecordOrigin;
};

/** A raw Kafka message as a source receives it. */
export type SourceMessage = {
  key: Buffer | null;
  value: Buffer | null;
  timestamp: number;
  partition: number;
  offset: string;
};

/** A message a sink (or the dead-letter writer) asks to produce. */
export type OutgoingMessage = {
  topic: string;
  key: string | null;
  value: string | Buffer | null;
  timestamp: number;
  headers?: Record<string, string>;
};
