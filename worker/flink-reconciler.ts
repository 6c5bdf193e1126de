import { hostname } from "node:os";
import { randomUUID } from "node:crypto";
import path from "node:path";
import { loadVersion } from "@/lib/deployments/load-version";
import { claim, claimableBy, fail, flinkLeaseMs, heartbeat, release, type ActualStatus } from "@/engine/deployments/deployment-state";
import { categoryOf, type PipelineDocument } from "@/engine/graph";
import type { StreamClient } from "@/engine/kafka/stream-client";
import type { NodeMetricsSnapshot } from "@/engine/runtime/pipeline-metrics";
import type { OutgoingMessage } from "@/engine/runtime/stream-record";
import { compilePipelineToFlinkSql, type FlinkPlan } from "@/engine/runners/flink/compile-pipeline";
import { FlinkRestClient, type FlinkJob, type FlinkJobState } from "@/engine/runners/flink/flink-rest-client";
import { submitPlan } from "@/engine/runners/flink/submit-plan";
import { mapVerticesToNodes, type NodeOperator } from "@/engine/runners/flink/vertex-mapping";
import { telemetryTopic, type MetricsMessage, type PartitionLag } from "@/engine/telemetry/telemetry-messages";
import type { Db } from "@/lib/server/db/prisma";

const leaseMs = flinkLeaseMs;

/** Where the Flink cluster is, and a way to start the local one when it is not running. */
export type FlinkCluster = {
  restUrl: string;
  gatewayUrl: string;
  /** Kafka bootstrap servers as Flink's TaskManagers reach them. */
  kafkaBrokers: string;
  /** Directory (as the JobManager sees it) savepoints are written to; the cluster's `state.savepoints.dir` when undefined. */
  savepointDir: string | undefined;
  /** Makes sure the cluster answers (starts the local one if needed); throws with the reason if it cannot. */
  ensureRunning: () => Promise<void>;
};

export type FlinkReconcilerOptions = {
  db: Db;
  client: StreamClient;
  cluster: FlinkCluster;
  log: (message: string) => void;
  publish?: (messages: OutgoingMessage[]) => Promise<void>;
};

type Run = {
  deploymentId: string;
  pipelineId: string;
  version: number;
  jobId: string;
  document: PipelineDocument;
  plan: FlinkPlan;
  groupId: string;
  operators: Record<string, NodeOperator> | null;
  status: string;
  error: string | null;
  counters: { recordsIn: number; recordsOut: number };
};

/** How a Flink job state shows on a deployment. */
export function deploymentStatusOf(state: FlinkJobState): "starting" | "running" | "degraded" | "failed" | "stopped" {
  switch (state) {
    case "INITIALIZING":
    case "CREATED":
      return "starting";
    case "RUNNING":
      return "running";
    case "RESTARTING":
    case "FAILING":
    case "SUSPENDED":
    case "RECONCILING":
      return "degraded";
    case "FAILED":
      return "failed";
    case "CANCELLING":
    case "CANCELED":
    case "FINISHED":
      return "stopped";
  }
}

/**
 * The control loop for deployments with runtime `flink`. Like the embedded
 * reconciler it claims deployments with a lease and heart-beats them, but the
 * pipeline runs in the Flink cluster: starting one compiles the graph to
 * Flink SQL and submits it through the SQL Gateway (resuming from the
 * pipeline's last savepoint unless the deploy was a reset); its status is the
 * job's state from the JobManager's REST API; stopping it takes a savepoint
 * that is stored on the deployment for the next deploy. Per-operator counters
 * and load are published to the telemetry topic under the canvas node ids, so
 * the live canvas and the dashboard work as for the embedded engine.
 *
 * A job outlives this process: after a restart the reconciler adopts the job
 * recorded on the deployment instead of submitting it again.
 */
export class FlinkReconciler {
  readonly ownerId = `${hostname()}:${process.pid}:flink:${randomUUID().slice(0, 8)}`;
  private readonly runs = new Map<string, Run>();
  private readonly rest: FlinkRestClient;
  private busy = false;
  private lastTelemetry = 0;

  constructor(private readonly options: FlinkReconcilerOptions) {
    this.rest = new FlinkRestClient(options.cluster.restUrl);
  }

  /** One pass: stop what should not run, start what should, report on what runs. */
  async tick(): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    try {
      await this.reconcile();
      await this.poll();
      if (this.options.publish && Date.now() - this.lastTelemetry >= 950) {
        this.lastTelemetry = Date.now();
        await this.publishTelemetry(this.options.publish);
      }
    } finally {
      this.busy = false;
    }
  }

  /** Releases the deployments without stopping their jobs: they keep running in Flink and are adopted on the next start. */
  async shutdown(): Promise<void> {
    for (const run of this.runs.values()) {
      await this.options.db.deployment.updateMany({ where: { id: run.deploymentId, ownerId: this.ownerId }, data: { ownerId: null, leaseUntil: null } });
    }
    this.runs.clear();
  }

  private async reconcile(): Promise<void> {
    const { db } = this.options;
    // Deployments this process runs whose desired state changed: stop them with a savepoint.
    for (const run of [...this.runs.values()]) {
      const row = await db.deployment.findUnique({ where: { id: run.deploymentId } });
      if (!row || row.desiredState !== "running" || row.ownerId !== this.ownerId) await this.stopRun(run, row?.ownerId === this.ownerId);
    }
    // Stopped deployments whose job may still run (their engine died before stopping it).
    const orphans = await db.deployment.findMany({ where: { runtime: "flink", desiredState: "stopped", status: { in: ["starting", "running", "degraded", "stopping"] }, flinkJobId: { not: null } } });
    const now = new Date();
    for (const orphan of orphans) {
      if (this.runs.has(orphan.id)) continue;
      if (orphan.ownerId && orphan.ownerId !== this.ownerId && orphan.leaseUntil && orphan.leaseUntil > now) continue;
      await this.stopJob(orphan.id, orphan.pipelineId, orphan.flinkJobId!);
    }

    const wanted = await db.deployment.findMany({ where: { desiredState: "running", runtime: "flink" }, orderBy: { createdAt: "desc" } });
    const latest = new Map<string, (typeof wanted)[number]>();
    for (const deployment of wanted) if (!latest.has(deployment.pipelineId)) latest.set(deployment.pipelineId, deployment);
    for (const deployment of latest.values()) {
      if (this.runs.has(deployment.id)) continue;
      // Another pipeline version's job must be gone first, so two jobs never write the same topics.
      if ([...this.runs.values()].some((run) => run.pipelineId === deployment.pipelineId)) continue;
      const claimed = await db.deployment.updateMany({
        where: { id: deployment.id, ...claimableBy(this.ownerId, now) },
        data: claim(this.ownerId, now, leaseMs),
      });
      if (claimed.count !== 1) continue;
      await this.startRun(deployment).catch(async (error: unknown) => {
        const message = error instanceof Error ? error.message : String(error);
        this.options.log(`deployment ${deployment.id}: Flink submission failed – ${message}`);
        await db.deployment.update({ where: { id: deployment.id }, data: fail(`Flink: ${message}`, new Date()) });
      });
    }
  }

  private async startRun(deployment: { id: string; pipelineId: string; version: number; generation: number; flinkJobId: string | null; createdAt: Date }): Promise<void> {
    const { db, cluster, log } = this.options;
    const validation = (await loadVersion(db, deployment.pipelineId, deployment.version))?.validation;
    if (!validation?.ok) throw new Error(`version ${deployment.version} is missing or invalid and cannot run`);
    const document = validation.document;
    const groupId = `streamline.${deployment.pipelineId}.g${deployment.generation}.flink`;

    await db.deployment.update({ where: { id: deployment.id }, data: { status: "starting", error: null, startedAt: deployment.flinkJobId ? undefined : new Date() } });
    await cluster.ensureRunning();

    // A job from before this process started (or from a lost lease) keeps running: adopt it.
    if (deployment.flinkJobId) {
      const job = await this.rest.job(deployment.flinkJobId);
      if (job && !["FAILED", "CANCELED", "FINISHED"].includes(job.state)) {
        const plan = this.compile(document, groupId, deployment.id, undefined);
        this.runs.set(deployment.id, this.newRun(deployment, document, plan, groupId, job.jid));
        log(`deployment ${deployment.id}: adopted Flink job ${job.jid} (${job.state})`);
        return;
      }
    }
    // Resume from the pipeline's last savepoint of the same generation (a reset deploy starts a new one).
    const previous = await db.deployment.findFirst({
      where: { pipelineId: deployment.pipelineId, runtime: "flink", generation: deployment.generation, savepointPath: { not: null }, createdAt: { lt: deployment.createdAt } },
      orderBy: { createdAt: "desc" },
    });
    const plan = this.compile(document, groupId, deployment.id, previous?.savepointPath ?? undefined);
    const { jobId } = await submitPlan(cluster.gatewayUrl, plan, `streamline-${deployment.id}`);
    await db.deployment.update({ where: { id: deployment.id }, data: { flinkJobId: jobId } });
    this.runs.set(deployment.id, this.newRun(deployment, document, plan, groupId, jobId));
    log(`deployment ${deployment.id} (pipeline ${deployment.pipelineId} v${deployment.version}): submitted Flink job ${jobId}${previous?.savepointPath ? ` from savepoint ${previous.savepointPath}` : ""}`);
  }

  private compile(document: PipelineDocument, groupId: string, deploymentId: string, savepointPath: string | undefined): FlinkPlan {
    const compiled = compilePipelineToFlinkSql(document, {
      bootstrapServers: this.options.cluster.kafkaBrokers,
      groupId,
      jobName: `streamline ${deploymentId}`,
      savepointPath,
    });
    if (!compiled.ok) throw new Error(compiled.problems.map((p) => p.message).join("; "));
    return compiled.plan;
  }

  private newRun(deployment: { id: string; pipelineId: string; version: number }, document: PipelineDocument, plan: FlinkPlan, groupId: string, jobId: string): Run {
    return { deploymentId: deployment.id, pipelineId: deployment.pipelineId, version: deployment.version, jobId, document, plan, groupId, operators: null, status: "starting", error: null, counters: { recordsIn: 0, recordsOut: 0 } };
  }

  /** Stops a run's job with a savepoint and records it; `owned` false means another process took it over (leave its row alone). */
  private async stopRun(run: Run, owned: boolean): Promise<void> {
    this.runs.delete(run.deploymentId);
    if (!owned) return;
    await this.stopJob(run.deploymentId, run.pipelineId, run.jobId);
  }

  private async stopJob(deploymentId: string, pipelineId: string, jobId: string): Promise<void> {
    const { db, cluster, log } = this.options;
    await db.deployment.update({ where: { id: deploymentId }, data: { status: "stopping", heartbeatAt: new Date() } });
    let savepointPath: string | null = null;
    let error: string | null = null;
    try {
      const job = await this.rest.job(jobId);
      if (job && ["RUNNING", "CREATED", "INITIALIZING", "RESTARTING"].includes(job.state)) {
        savepointPath = await this.rest.stopWithSavepoint(jobId, cluster.savepointDir ? path.join(cluster.savepointDir, pipelineId) : undefined);
        log(`deployment ${deploymentId}: Flink job ${jobId} stopped with savepoint ${savepointPath}`);
      }
    } catch (cause) {
      // A job that cannot take a savepoint (e.g. still restarting) is cancelled: stopping must not hang.
      error = `Stopped without a savepoint (${cause instanceof Error ? cause.message : String(cause)}); the next deploy starts from the committed Kafka offsets`;
      log(`deployment ${deploymentId}: ${error}`);
      await this.rest.cancel(jobId).catch(() => undefined);
    }
    await db.deployment.update({
      where: { id: deploymentId },
      data: { ...release(error, new Date()), ...(savepointPath ? { savepointPath } : {}) },
    });
  }

  /** Reads each job's state and heart-beats its deployment with the mapped status. */
  private async poll(): Promise<void> {
    const { db, log } = this.options;
    const now = new Date();
    for (const run of [...this.runs.values()]) {
      let job: FlinkJob | null = null;
      let status = run.status;
      let error = run.error;
      try {
        job = await this.rest.job(run.jobId);
        if (!job) {
          status = "failed";
          error = `Flink no longer knows job ${run.jobId} (the cluster restarted?); deploy again to resubmit`;
        } else {
          status = deploymentStatusOf(job.state);
          error = status === "failed" || status === "degraded" ? `Flink job ${job.state.toLowerCase()}: ${(await this.rest.rootException(run.jobId)) ?? "see the Flink logs"}` : null;
          if (!run.operators && job.state === "RUNNING") run.operators = mapVerticesToNodes(run.document, run.plan, job.vertices);
        }
      } catch (cause) {
        status = "degraded";
        error = `The Flink REST API does not answer: ${cause instanceof Error ? cause.message : String(cause)}`;
      }
      if (status !== run.status) log(`deployment ${run.deploymentId}: Flink job ${run.jobId} is ${job?.state ?? "unknown"} → ${status}`);
      run.status = status;
      run.error = error;
      const finished = status === "failed" || status === "stopped";
      const updated = await db.deployment.updateMany({
        where: { id: run.deploymentId, ownerId: this.ownerId },
        data: { ...heartbeat(status as ActualStatus, error, now, leaseMs), stats: JSON.stringify({ ...run.counters, flinkJobId: run.jobId }) },
      });
      if (updated.count === 0 || finished) this.runs.delete(run.deploymentId);
    }
  }

  /** Per-node counters and load from Flink's operator metrics, under the canvas node ids. */
  private async publishTelemetry(publish: (messages: OutgoingMessage[]) => Promise<void>): Promise<void> {
    const messages: OutgoingMessage[] = [];
    for (const run of this.runs.values()) {
      if (!run.operators) continue;
      const byVertex = new Map<string, string[]>();
      for (const op of Object.values(run.operators)) byVertex.set(op.vertexId, [...(byVertex.get(op.vertexId) ?? []), `${op.metricPrefix}.numRecordsIn`, `${op.metricPrefix}.numRecordsOut`]);
      const values = new Map<string, Record<string, number>>();
      const loads = new Map<string, { busyRatio: number; backpressureRatio: number }>();
      for (const [vertexId, names] of byVertex) {
        values.set(vertexId, await this.rest.vertexMetrics(run.jobId, vertexId, [...new Set(names)]));
        loads.set(vertexId, await this.rest.vertexLoad(run.jobId, vertexId));
      }
      const nodes: Record<string, NodeMetricsSnapshot & { backpressure: number }> = {};
      for (const [nodeId, op] of Object.entries(run.operators)) {
        const metrics = values.get(op.vertexId) ?? {};
        const load = loads.get(op.vertexId) ?? { busyRatio: 0, backpressureRatio: 0 };
        const recordsOut = metrics[`${op.metricPrefix}.numRecordsOut`] ?? 0;
        const node = run.document.nodes.find((n) => n.id === nodeId);
        // A source's operator counts what it emits; it "receives" what it reads from Kafka, the same number.
        const category = node ? categoryOf(node.type) : null;
        const recordsIn = category === "source" ? recordsOut : (metrics[`${op.metricPrefix}.numRecordsIn`] ?? 0);
        nodes[nodeId] = { recordsIn, recordsOut: category === "sink" ? recordsIn : recordsOut, errors: 0, busy: load.busyRatio, backpressure: load.backpressureRatio, latencyP50Ms: null, latencyP99Ms: null };
      }
      run.counters = {
        recordsIn: run.plan.tables.filter((t) => t.role === "source").reduce((sum, t) => sum + (nodes[t.nodeId]?.recordsOut ?? 0), 0),
        recordsOut: run.plan.tables.filter((t) => t.role === "sink").reduce((sum, t) => sum + (nodes[t.nodeId]?.recordsIn ?? 0), 0),
      };
      const lag: PartitionLag[] = [];
      for (const table of run.plan.tables.filter((t) => t.role === "source")) {
        // Flink commits its source offsets to the consumer group on every checkpoint.
        for (const partition of await this.options.client.offsets(table.topic, run.groupId).catch(() => [])) {
          const committed = partition.committed === null ? 0n : BigInt(partition.committed);
          lag.push({ ...partition, topic: table.topic, lag: Number(BigInt(partition.end) - committed) });
        }
      }
      const at = Date.now();
      const message: MetricsMessage = {
        kind: "metrics",
        deploymentId: run.deploymentId,
        pipelineId: run.pipelineId,
        version: run.version,
        at,
        status: run.status,
        nodes,
        endToEndP50Ms: null,
        endToEndP99Ms: null,
        lag,
        counters: { ...run.counters, deadLetters: 0, batches: 0 },
      };
      messages.push({ topic: telemetryTopic, key: run.deploymentId, value: JSON.stringify(message), timestamp: at });
    }
    if (messages.length > 0) await publish(messages).catch((error) => this.options.log(`Flink telemetry not published: ${error instanceof Error ? error.message : error}`));
  }
}
