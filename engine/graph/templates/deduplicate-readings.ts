import type { PipelineDocument } from "../pipeline-document";

/**
 * Drops the sensor readings a gateway sent twice: within one-minute windows
 * of measurement time, the first record of each reading id passes. The event
 * time is the reading's own `measured_at`, so a late resend lands in the same
 * window as the original. Keyed by sensor id.
 */
export function deduplicateReadingsTemplate(topics = { readings: "sensor-readings", output: "sensor-readings-unique" }): PipelineDocument {
  return {
    version: 1,
    nodes: [
      { id: "readings", type: "kafka-source", position: { x: 0, y: 80 }, data: { label: "Sensor readings", topic: topics.readings, format: "json", startFrom: "earliest", timeField: "measured_at" } },
      { id: "dedupe", type: "deduplicate", position: { x: 280, y: 80 }, data: { label: "Once per reading id", key: ["reading_id"], within: 60_000 } },
      { id: "unique", type: "kafka-sink", position: { x: 560, y: 80 }, data: { label: "Unique readings", topic: topics.output, format: "json", key: "sensor_id" } },
    ],
    edges: [
      { id: "readings-dedupe", source: "readings", target: "dedupe", targetHandle: null },
      { id: "dedupe-unique", source: "dedupe", target: "unique", targetHandle: null },
    ],
  };
}
