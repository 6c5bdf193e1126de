import type { NodeMetricsSnapshot, Sample } from "../runtime/pipeline-metrics";

/**
 * The internal Kafka topic the engine publishes metrics and samples to, once
 * a second per running deployment, and the web server tails. Going through
 * Kafka means the engine can run in another process or on another machine,
 * and a restarted web server can rebuild the last 15 minutes by reading back.
 */
export const telemetryTopic = process.env.STREAMLINE_TELEMETRY_TOPIC ?? "streamline.telemetry";
/** Telemetry is for watching, not for keeping: a day is plenty. */
export const telemetryRetentionMs = 24 * 3600 * 1000;

export type PartitionLag = { topic: string; partition: number; end: string; committed: string | null; lag: number };

export type MetricsMessage = {
  kind: "metrics";
  deploymentId: string;
  pipelineId: string;
  version: number;
  at: number;
  status: string;
  nodes: Record<string, NodeMetricsSnapshot>;
  endToEndP50Ms: number | null;
  endToEndP99Ms: number | null;
  lag: PartitionLag[];
  counters: { recordsIn: number; recordsOut: number; deadLetters: number; batches: number };
};

export type SamplesMessage = {
  kind: "samples";
  deploymentId: string;
  pipelineId: string;
  at: number;
  nodes: Record<string, { in: Sample[]; out: Sample[] }>;
};

export type TelemetryMessage = MetricsMessage | SamplesMessage;
