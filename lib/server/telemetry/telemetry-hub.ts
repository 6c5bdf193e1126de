import "server-only";
import { randomUUID } from "node:crypto";
import { Kafka, logLevel, type Consumer } from "kafkajs";
import { telemetryTopic, type MetricsMessage, type SamplesMessage, type TelemetryMessage } from "@/engine/telemetry/telemetry-messages";
import type { LivePoint, LiveSamples, NodeLive } from "@/lib/schemas/live";
import { kafkaBrokers } from "../kafka/kafka-brokers";

/** How far back the charts reach, and how far back a starting web server reads the telemetry topic. */
export const historyMs = 60 * 60 * 1000;

// The shapes the browser reads are declared once, with the stream's other events, in lib/schemas/live.ts.
export type { LivePoint, LiveSamples, NodeLive };

export type HubEvent = { kind: "metrics"; pipelineId: string; point: LivePoint } | { kind: "samples"; pipelineId: string; samples: LiveSamples };

/**
 * The web server's view of running pipelines: it tails the engine's telemetry
 * topic, keeps an hour of per-second points and the latest samples per
 * pipeline, and fans new ones out to server-sent-event listeners. On start it
 * reads the topic back an hour, so history survives a restart of the web
 * server as well as a browser reload.
 */
export class TelemetryHub {
  private readonly history = new Map<string, LivePoint[]>();
  private readonly samples = new Map<string, LiveSamples>();
  private readonly listeners = new Set<(event: HubEvent) => void>();
  private consumer: Consumer | null = null;
  private starting: Promise<void> | null = null;
  private lastError: string | null = null;

  constructor(private readonly brokers: string[] = kafkaBrokers()) {}

  /** Starts tailing (once); failures are retried in the background so pages never wait on Kafka. */
  ensureStarted(): Promise<void> {
    this.starting ??= this.start().catch((error) => {
      this.lastError = error instanceof Error ? error.message : String(error);
      this.starting = null;
      setTimeout(() => void this.ensureStarted(), 5_000).unref();
    });
    return this.starting;
  }

  /** Why telemetry is unavailable, if it is. */
  get error(): string | null {
    return this.lastError;
  }

  subscribe(listener: (event: HubEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The last 15 minutes of a pipeline's points, oldest first. */
  historyOf(pipelineId: string): LivePoint[] {
    return this.history.get(pipelineId) ?? [];
  }

  latestOf(pipelineId: string): LivePoint | null {
    return this.history.get(pipelineId)?.at(-1) ?? null;
  }

  samplesOf(pipelineId: string): LiveSamples | null {
    return this.samples.get(pipelineId) ?? null;
  }

  /** Every pipeline's latest point (for the dashboard and Prometheus). */
  latestAll(): Map<string, LivePoint> {
    const latest = new Map<string, LivePoint>();
    for (const [pipelineId, points] of this.history) if (points.length > 0) latest.set(pipelineId, points.at(-1)!);
    return latest;
  }

  async stop(): Promise<void> {
    await this.consumer?.disconnect().catch(() => undefined);
    this.consumer = null;
    this.starting = null;
  }

  /** Takes one telemetry message; public so tests can feed the hub without Kafka. */
  ingest(message: TelemetryMessage): void {
    if (message.kind === "samples") {
      const samples: LiveSamples = { at: message.at, deploymentId: message.deploymentId, nodes: { ...(this.samples.get(message.pipelineId)?.deploymentId === message.deploymentId ? this.samples.get(message.pipelineId)!.nodes : {}), ...message.nodes } };
      this.samples.set(message.pipelineId, samples);
      this.emit({ kind: "samples", pipelineId: message.pipelineId, samples });
      return;
    }
    const points = this.history.get(message.pipelineId) ?? [];
    const point = toPoint(message, points);
    points.push(point);
    while (points.length > 0 && points[0]!.at < point.at - historyMs) points.shift();
    this.history.set(message.pipelineId, points);
    this.emit({ kind: "metrics", pipelineId: message.pipelineId, point });
  }

  private emit(event: HubEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch {
        // A broken listener (a closed stream) must not stop the others.
      }
    }
  }

  private async start(): Promise<void> {
    const kafka = new Kafka({ clientId: "streamline-web-telemetry", brokers: this.brokers, logLevel: logLevel.NOTHING, retry: { retries: 3 } });
    const admin = kafka.admin();
    await admin.connect();
    let replayFrom: { partition: number; offset: string }[] = [];
    try {
      if ((await admin.listTopics()).includes(telemetryTopic)) replayFrom = await admin.fetchTopicOffsetsByTimestamp(telemetryTopic, Date.now() - historyMs);
    } finally {
      await admin.disconnect();
    }
    // A group of its own per web server process: every process sees every message.
    const consumer = kafka.consumer({ groupId: `streamline-web-${randomUUID()}`, maxWaitTimeInMs: 100, allowAutoTopicCreation: true });
    this.consumer = consumer;
    await consumer.connect();
    await consumer.subscribe({ topic: telemetryTopic, fromBeginning: false });
    consumer.on(consumer.events.GROUP_JOIN, () => {
      for (const { partition, offset } of replayFrom) if (offset !== "-1") consumer.seek({ topic: telemetryTopic, partition, offset });
      replayFrom = [];
    });
    await consumer.run({
      autoCommit: false,
      eachMessage: async ({ message }) => {
        if (!message.value) return;
        try {
          this.ingest(JSON.parse(message.value.toString("utf8")) as TelemetryMessage);
        } catch {
          // A message we cannot read is skipped: telemetry is best effort, the pipeline is not affected.
        }
      },
    });
    this.lastError = null;
  }
}

function toPoint(message: MetricsMessage, previous: LivePoint[]): LivePoint {
  const last = previous.at(-1)?.deploymentId === message.deploymentId ? previous.at(-1) : undefined;
  const minuteAgo = previous.find((p) => p.deploymentId === message.deploymentId && p.at >= message.at - 61_000);
  const nodes: Record<string, NodeLive> = {};
  for (const [id, node] of Object.entries(message.nodes)) {
    const rate = (from: LivePoint | undefined, field: "recordsIn" | "recordsOut") => {
      const before = from?.nodes[id];
      if (!from || !before) return 0;
      const seconds = (message.at - from.at) / 1000;
      return seconds > 0 ? Math.max(0, (node[field] - before[field]) / seconds) : 0;
    };
    nodes[id] = { ...node, rateIn: rate(last, "recordsIn"), rateOut: rate(last, "recordsOut"), rateIn1m: rate(minuteAgo, "recordsIn"), rateOut1m: rate(minuteAgo, "recordsOut") };
  }
  return {
    at: message.at,
    deploymentId: message.deploymentId,
    version: message.version,
    status: message.status,
    nodes,
    endToEndP50Ms: message.endToEndP50Ms,
    endToEndP99Ms: message.endToEndP99Ms,
    lag: message.lag,
    totalLag: message.lag.reduce((sum, p) => sum + Math.max(0, p.lag), 0),
    counters: message.counters,
  };
}

const holder = globalThis as unknown as { streamlineTelemetry?: TelemetryHub };

/** The process's telemetry hub, started on first use. */
export function getTelemetryHub(): TelemetryHub {
  holder.streamlineTelemetry ??= new TelemetryHub();
  void holder.streamlineTelemetry.ensureStarted();
  return holder.streamlineTelemetry;
}
