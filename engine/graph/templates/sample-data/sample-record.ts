/** One record a template's sample data produces: a JSON object or a line of text, a key and an event time. */
export type SampleRecord = {
  topic: string;
  key: string | null;
  value: Record<string, unknown> | string;
  /** Event time (Kafka record timestamp), epoch milliseconds. */
  timestamp: number;
};

/** What every generator takes: where to write, "now" (the newest event time) and a seed. */
export type SampleOptions = { topics: Record<string, string>; now: number; seed: number };

/** Sorts records by event time, the order a producer would have sent them in. */
export function byTime(records: SampleRecord[]): SampleRecord[] {
  return records.sort((a, b) => a.timestamp - b.timestamp);
}
