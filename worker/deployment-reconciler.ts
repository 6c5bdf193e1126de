import { hostname } from "node:os";
import { registryResolver, usesRegistry } from "@/engine/formats/registry-codecs";
import { registerSinkSchemas } from "@/engine/formats/sink-schemas";
import type { ExecutorFormats } from "@/engine/formats/executor-formats";
import type { RegistryCodec } from "@/engine/formats/registry-codec";
import { randomUUID } from "node:crypto";
import { pipelineConnection, type PipelineDocument } from "@/engine/graph";
import { loadVersion } from "@/lib/deployments/load-version";
import { claim, claimableBy, embeddedLeaseMs, fail, release } from "@/engine/deployments/deployment-state";
import type { LogLevel } from "@/engine/kafka/kafkajs-log";
import type { StreamClient } from "@/engine/kafka/stream-client";
import type { OutgoingMessage } from "@/engine/runtime/stream-record";
import { telemetryTopic, type MetricsMessage, type SamplesMessage } from "@/engine/telemetry/telemetry-messages";
import { SupervisedRunner, type RunnerStatus } from "@/engine/runners/supervised-runner";
import { startOnce, type StartPosition } from "@/engine/runners/start-position";
import type { Db } from "@/lib/server/db/prisma";

const leaseMs = embeddedLeaseMs;
/** How often a heartbeat is written when nothing changed; well inside the lease and the web app's 5 s staleness check. */
const heartbeatEveryMs = 2_000;

type Running = {
  deploymentId: string;
  pipelineId: string;
  version: number;
  sampleVersions: Map<string, number>;
  supervisor: SupervisedRunner;
  status: RunnerStatus;
  error: string | null;
  /** What the last heartbeat wrote. */
  reported?: { status: RunnerStatus; error: string | null };
};

/** A log line's level and the pipeline and deployment it concerns. */
export type LogLineFields = { level?: LogLevel; pipeline?: string; deployment?: string };

export type ReconcilerOptions = {
  db: Db;
  /** The client of the server's own cluster (KAFKA_BROKERS), for pipelines that name no connection. */
  client: StreamClient;
  /** The client of a stored Kafka connection (resolved, decrypted and guarded by the caller); without it such pipelines fail. */
  clientFor?: (connectionId: string) => Promise<StreamClient>;
  /** The registry codecs of a pipeline's nodes (its stored connection's registry, else SCHEMA_REGISTRY_URL); default: SCHEMA_REGISTRY_URL only. */
  registryFor?: (document: PipelineDocument) => Promise<(connection: string | undefined) => RegistryCodec | null>;
  /** The engine's log; `fields` name the level (default info) and the pipeline and deployment a line is about. */
  log: (message: string, fields?: LogLineFields) => void;
  /** Where telemetry goes (the telemetry topic); without it none is published. */
  publish?: (messages: OutgoingMessage[]) => Promise<void>;
};

/**
 * The engine's control loop. The database says what should run (deployments
 * whose desired state is `running`); this process claims such deployments
 * with a lease, runs them, and reports their status with a heartbeat. A
 * deployment whose lease lapses (its engine died) can be claimed by another
 * engine process; one that loses its lease stops its runner, and Kafka's
 * transactional id fencing stops any output from the old one.
 */
export class DeploymentReconciler {
  readonly ownerId = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  private readonly running = new Map<string, Running>();
  private busy = false;
  private lastTelemetry = 0;
  private lastHeartbeat = 0;
  private publishing: Promise<void> | null = null;

  constructor(private readonly options: ReconcilerOptions) {}

  /** The deployments this process runs now. */
  runningDeploymentIds(): string[] {
    return [...this.running.keys()];
  }

  /** One pass: start what should run, stop what should not, report on what runs. */
  async tick(): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    try {
      await this.reconcile();
      await this.heartbeat();
      // Not awaited: reading lag from a broker that is away can take the client's whole retry budget,
      // and the heartbeat must go on meanwhile (else the deployment reads as "unresponsive").
      if (this.options.publish && !this.publishing && Date.now() - this.lastTelemetry >= 950) {
        this.lastTelemetry = Date.now();
        this.publishing = this.publishTelemetry(this.options.publish)
          .catch((error) => this.options.log(`telemetry failed: ${error instanceof Error ? error.message : error}`, { level: "debug" }))
          .finally(() => (this.publishing = null));
      }
    } finally {
      this.busy = false;
    }
  }

  /** Stops every runner and releases its deployment, keeping offsets and state for whoever runs it next. */
  async shutdown(): Promise<void> {
    for (const run of [...this.running.values()]) await this.stopRun(run, "The engine shut down; the deployment resumes when an engine starts again");
  }

  private async reconcile(): Promise<void> {
    const { db } = this.options;
    const wanted = await db.deployment.findMany({ where: { desiredState: "running", runtime: "embedded" }, orderBy: { createdAt: "desc" } });
    const latestPerPipeline = new Map<string, (typeof wanted)[number]>();
    for (const deployment of wanted) if (!latestPerPipeline.has(deployment.pipelineId)) latestPerPipeline.set(deployment.pipelineId, deployment);
    const wantedIds = new Set([...latestPerPipeline.values()].map((d) => d.id));

    // Stop first, so a new version never overlaps the old one's transactional id in this process.
    for (const run of [...this.running.values()]) {
      if (!wantedIds.has(run.deploymentId)) await this.stopRun(run, null);
    }

    const now = new Date();
    for (const deployment of latestPerPipeline.values()) {
      if (this.running.has(deployment.id)) continue;
      const claimed = await db.deployment.updateMany({
        where: { id: deployment.id, ...claimableBy(this.ownerId, now) },
        data: { ...claim(this.ownerId, now, leaseMs), status: "starting", error: null, startedAt: now },
      });
      if (claimed.count !== 1) continue;
      await this.startRun(deployment);
    }
  }

  private async startRun(deployment: { id: string; pipelineId: string; version: number; guarantee: string; generation: number; deadLetterTopic: string; startAt: string | null; startAppliedAt: Date | null }): Promise<void> {
    const { db, client, log } = this.options;
    const validation = (await loadVersion(db, deployment.pipelineId, deployment.version))?.validation;
    if (!validation?.ok) {
      await db.deployment.update({ where: { id: deployment.id }, data: fail(`Version ${deployment.version} is missing or invalid and cannot run`, new Date()) });
      return;
    }
    const connectionId = pipelineConnection(validation.document);
    let runClient = client;
    if (connectionId) {
      try {
        if (!this.options.clientFor) throw new Error("this engine has no access to stored Kafka connections");
        runClient = await this.options.clientFor(connectionId);
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        await db.deployment.update({ where: { id: deployment.id }, data: fail(`Cannot use Kafka connection ${connectionId}: ${reason}`, new Date()) });
        return;
      }
    }
    let formats: ExecutorFormats | undefined;
    if (usesRegistry(validation.document)) {
      try {
        const codecOf = this.options.registryFor ? await this.options.registryFor(validation.document) : registryResolver();
        const registered = await registerSinkSchemas(validation.document, codecOf);
        if (!registered.ok) throw new Error(registered.problems.map((problem) => problem.message).join("; "));
        formats = { codecFor: codecOf, sinks: registered.sinks };
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        await db.deployment.update({ where: { id: deployment.id }, data: { status: "failed", error: reason, ownerId: null } });
        return;
      }
    }
    const run: Running = { deploymentId: deployment.id, pipelineId: deployment.pipelineId, version: deployment.version, sampleVersions: new Map(), status: "starting", error: null, supervisor: null as unknown as SupervisedRunner };
    run.supervisor = new SupervisedRunner(
      {
        pipelineId: deployment.pipelineId,
        generation: deployment.generation,
        document: validation.document,
        guarantee: deployment.guarantee === "at-least-once" ? "at-least-once" : "exactly-once",
        deadLetterTopic: deployment.deadLetterTopic,
        client: runClient,
        // Replay: applied once; recorded so another engine or a restart continues from the committed offsets instead.
        start:
          deployment.startAt && !deployment.startAppliedAt
            ? startOnce(JSON.parse(deployment.startAt) as StartPosition, async () => {
                await db.deployment.update({ where: { id: deployment.id }, data: { startAppliedAt: new Date() } });
              })
            : undefined,
        formats,
      },
      {
        onStatus: (status, error) => {
          const previous = run.status;
          run.status = status;
          run.error = error;
          const fields = { pipeline: deployment.pipelineId, deployment: deployment.id };
          // One warning when trouble starts (not one per retry), one info line when it is over.
          if (status === "degraded" && previous === "degraded") log(`deployment ${deployment.id}: still degraded – ${error}`, { ...fields, level: "debug" });
          else if (status === "degraded") log(`deployment ${deployment.id} (pipeline ${deployment.pipelineId} v${deployment.version}): degraded – ${error}`, { ...fields, level: "warn" });
          else if (status === "failed") log(`deployment ${deployment.id} (pipeline ${deployment.pipelineId} v${deployment.version}): failed – ${error}`, { ...fields, level: "error" });
          else if (status === "running" && previous === "degraded") log(`deployment ${deployment.id} (pipeline ${deployment.pipelineId} v${deployment.version}): recovered, running again`, fields);
          else log(`deployment ${deployment.id} (pipeline ${deployment.pipelineId} v${deployment.version}): ${status}${error ? ` – ${error}` : ""}`, fields);
        },
        log: (message) => log(`deployment ${deployment.id}: ${message}`, { pipeline: deployment.pipelineId, deployment: deployment.id, level: "debug" }),
      },
    );
    this.running.set(deployment.id, run);
    run.supervisor.start();
  }

  private async stopRun(run: Running, error: string | null): Promise<void> {
    this.running.delete(run.deploymentId);
    await this.options.db.deployment.updateMany({ where: { id: run.deploymentId, ownerId: this.ownerId }, data: { status: "stopping" } });
    await run.supervisor.stop();
    await this.options.db.deployment.updateMany({
      where: { id: run.deploymentId, ownerId: this.ownerId },
      data: release(error, new Date()),
    });
  }

  /** Publishes each live runner's metrics of the last second, and the samples that changed. */
  private async publishTelemetry(publish: (messages: OutgoingMessage[]) => Promise<void>): Promise<void> {
    const messages: OutgoingMessage[] = [];
    for (const run of this.running.values()) {
      const runner = run.supervisor.runner;
      if (!runner) continue;
      const at = Date.now();
      const { samples, ...numbers } = await runner.telemetry(run.sampleVersions);
      const base = { deploymentId: run.deploymentId, pipelineId: run.pipelineId, at };
      const metrics: MetricsMessage = { kind: "metrics", ...base, version: run.version, status: run.status, ...numbers };
      messages.push({ topic: telemetryTopic, key: run.deploymentId, value: JSON.stringify(metrics), timestamp: at });
      if (Object.keys(samples).length > 0) {
        const sampled: SamplesMessage = { kind: "samples", ...base, nodes: samples };
        messages.push({ topic: telemetryTopic, key: run.deploymentId, value: JSON.stringify(sampled), timestamp: at });
      }
    }
    if (messages.length > 0) await publish(messages).catch((error) => this.options.log(`telemetry not published: ${error instanceof Error ? error.message : error}`, { level: "debug" }));
  }

  /**
   * Heart-beats every running deployment in ONE write transaction per tick
   * (not one per deployment), and only every `heartbeatEveryMs` unless a
   * status changed: with 25 deployments the engine would otherwise hold the
   * SQLite write lock 50 times a second and starve the people using the app.
   */
  private async heartbeat(): Promise<void> {
    const runs = [...this.running.values()];
    if (runs.length === 0) return;
    const changed = runs.some((run) => run.status !== run.reported?.status || run.error !== run.reported?.error);
    if (!changed && Date.now() - this.lastHeartbeat < heartbeatEveryMs) return;
    this.lastHeartbeat = Date.now();
    const now = new Date();
    const updates = await this.options.db.$transaction(
      runs.map((run) => {
        const counters = run.supervisor.runner?.counters ?? null;
        return this.options.db.deployment.updateMany({
          where: { id: run.deploymentId, ownerId: this.ownerId },
          data: { status: run.status, error: run.error, heartbeatAt: now, leaseUntil: new Date(now.getTime() + leaseMs), stats: counters ? JSON.stringify(counters) : undefined },
        });
      }),
    );
    for (const [index, run] of runs.entries()) {
      run.reported = { status: run.status, error: run.error };
      if (updates[index]!.count === 0 && this.running.get(run.deploymentId) === run) {
        // Someone else holds the deployment now; stop without touching its row.
        this.running.delete(run.deploymentId);
        this.options.log(`deployment ${run.deploymentId}: lease lost, stopping`, { deployment: run.deploymentId, pipeline: run.pipelineId, level: "warn" });
        await run.supervisor.stop();
      }
    }
  }
}
