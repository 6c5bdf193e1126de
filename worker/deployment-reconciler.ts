import { hostname } from "node:os";
import { randomUUID } from "node:crypto";
import { pipelineConnection, validatePipeline } from "@/engine/graph";
import type { StreamClient } from "@/engine/kafka/stream-client";
import type { OutgoingMessage } from "@/engine/runtime/stream-record";
import { telemetryTopic, type MetricsMessage, type SamplesMessage } from "@/engine/telemetry/telemetry-messages";
import { SupervisedRunner, type RunnerStatus } from "@/engine/runners/supervised-runner";
import type { Db } from "@/lib/server/db/prisma";

const leaseMs = 10_000;
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

export type ReconcilerOptions = {
  db: Db;
  /** The client of the server's own cluster (KAFKA_BROKERS), for pipelines that name no connection. */
  client: StreamClient;
  /** The client of a stored Kafka connection (resolved, decrypted and guarded by the caller); without it such pipelines fail. */
  clientFor?: (connectionId: string) => Promise<StreamClient>;
  log: (message: string) => void;
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
      if (this.options.publish && Date.now() - this.lastTelemetry >= 950) {
        this.lastTelemetry = Date.now();
        await this.publishTelemetry(this.options.publish);
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
        where: { id: deployment.id, desiredState: "running", OR: [{ ownerId: null }, { ownerId: this.ownerId }, { leaseUntil: { lt: now } }] },
        data: { ownerId: this.ownerId, leaseUntil: new Date(now.getTime() + leaseMs), status: "starting", error: null, startedAt: now, heartbeatAt: now },
      });
      if (claimed.count !== 1) continue;
      await this.startRun(deployment);
    }
  }

  private async startRun(deployment: { id: string; pipelineId: string; version: number; guarantee: string; generation: number; deadLetterTopic: string }): Promise<void> {
    const { db, client, log } = this.options;
    const version = await db.pipelineVersion.findUnique({ where: { pipelineId_version: { pipelineId: deployment.pipelineId, version: deployment.version } } });
    const validation = version ? validatePipeline(JSON.parse(version.graph)) : null;
    if (!validation?.ok) {
      await db.deployment.update({ where: { id: deployment.id }, data: { status: "failed", error: `Version ${deployment.version} is missing or invalid and cannot run`, ownerId: null } });
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
        await db.deployment.update({ where: { id: deployment.id }, data: { status: "failed", error: `Cannot use Kafka connection ${connectionId}: ${reason}`, ownerId: null } });
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
      },
      {
        onStatus: (status, error) => {
          run.status = status;
          run.error = error;
          log(`deployment ${deployment.id} (pipeline ${deployment.pipelineId} v${deployment.version}): ${status}${error ? ` – ${error}` : ""}`);
        },
        log: (message) => log(`deployment ${deployment.id}: ${message}`),
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
      data: { status: "stopped", error, stoppedAt: new Date(), heartbeatAt: new Date(), ownerId: null, leaseUntil: null },
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
    if (messages.length > 0) await publish(messages).catch((error) => this.options.log(`telemetry not published: ${error instanceof Error ? error.message : error}`));
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
        this.options.log(`deployment ${run.deploymentId}: lease lost, stopping`);
        await run.supervisor.stop();
      }
    }
  }
}
