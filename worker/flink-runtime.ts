import path from "node:path";
import { loadVersion } from "@/lib/deployments/load-version";
import { flinkLeaseMs } from "@/engine/deployments/deployment-state";
import { categoryOf, type PipelineDocument } from "@/engine/graph";
import type { StreamClient } from "@/engine/kafka/stream-client";
import { sampleSize, type NodeMetricsSnapshot, type Sample } from "@/engine/runtime/pipeline-metrics";
import type { OutgoingMessage } from "@/engine/runtime/stream-record";
import { compilePipelineToFlinkSql, type FlinkPlan } from "@/engine/runners/flink/compile-pipeline";
import { FlinkRestClient, type FlinkJob, type FlinkJobState } from "@/engine/runners/flink/flink-rest-client";
import { submitPlan } from "@/engine/runners/flink/submit-plan";
import { redactSecrets, type FlinkKafkaConnection } from "@/engine/flink-sql/kafka-client";
import { resolveFlinkConnections } from "./flink-connections";
import { mapVerticesToNodes, type NodeOperator } from "@/engine/runners/flink/vertex-mapping";
import { telemetryTopic, type MetricsMessage, type PartitionLag, type SamplesMessage } from "@/engine/telemetry/telemetry-messages";
import { endToEndLatencies, flinkSamplesRetentionMs, flinkSamplesTopic, latencyKeyOf, nodeSamples, parseFlinkSample, samplesSince, type CompletedCheckpoint } from "@/engine/runners/flink/flink-samples";
import type { Db } from "@/lib/server/db/prisma";
import type { DeploymentRow, DeploymentRuntime, RunBase, StartOutcome, StopOutcome } from "./deployment-runtime";
import { Reconciler, type ReconcilerOptions } from "./reconciler";

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

export type FlinkRuntimeOptions = {
  db: Db;
  client: StreamClient;
  cluster: FlinkCluster;
  log: (message: string) => void;
  /** Record samples and end-to-end latency (a side sink in every job, see flink-sql/samples.ts); on unless false (`FLINK_SAMPLES=off`). */
  samples?: boolean;
};

/** A deployment whose pipeline runs as a Flink job. */
export type FlinkRun = RunBase & {
  jobId: string;
  document: PipelineDocument;
  plan: FlinkPlan;
  groupId: string;
  operators: Record<string, NodeOperator> | null;
  counters: { recordsIn: number; recordsOut: number };
  /** Exactly-once sinks: their records become visible when a checkpoint completes (end-to-end latency counts that). */
  exactlyOnce: boolean;
  /** When the job started (Flink's `start-time`): older records of the pipeline's samples topic are a previous job's. */
  startedAt: number | null;
  /** Record samples and latency, read from the samples topic in the background (see {@link FlinkRuntime.readSamples}). */
  sampling: RunSampling;
};

/** A run's samples and end-to-end latency observations, refreshed at most every {@link samplesEveryMs}. */
type RunSampling = {
  readAt: number;
  reading: boolean;
  /** Samples per node read last and not yet published. */
  pending: SamplesMessage["nodes"] | null;
  /** What the last published samples were, to publish only changes. */
  published: string;
  /** Latency observations (one per sample that reached a sink and became visible), keyed to count each once. */
  latencies: Map<string, { visibleAt: number; ms: number }>;
};

/** How often a run's samples topic and sink topics are read (each read joins a short-lived consumer group). */
const samplesEveryMs = 2_000;
/** End-to-end percentiles are over the samples that became visible in this last stretch (a few per second reach a sink). */
const latencyWindowMs = 30_000;
/** Records read from the end of each sink topic for its samples. */
const sinkSampleRecords = 10;

/** The Flink job name of a deployment's job (`pipeline.name`): how the engine finds a job it submitted but did not record. */
export function jobNameOf(deployment: Pick<DeploymentRow, "id">): string {
  return `streamline ${deployment.id}`;
}

/** Whether a job has ended for good (it runs no more and cannot be adopted). */
function isTerminal(state: FlinkJobState): boolean {
  return state === "FAILED" || state === "CANCELED" || state === "FINISHED";
}

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
 * Flink as a deployment runtime: the pipeline runs in the Flink cluster.
 * Starting one compiles the graph to Flink SQL and submits it through the SQL
 * Gateway (resuming from the pipeline's last savepoint unless the deploy was
 * a reset); its status is the job's state from the JobManager's REST API;
 * stopping it takes a savepoint that is stored on the deployment for the next
 * deploy. Per-operator counters and load are published to the telemetry topic
 * under the canvas node ids, so the live canvas and the dashboard work as for
 * the embedded engine.
 *
 * A job outlives the engine process: after a restart the reconciler adopts the
 * job recorded on the deployment instead of submitting it again.
 */
export class FlinkRuntime implements DeploymentRuntime<FlinkRun> {
  readonly kind = "flink";
  readonly leaseMs = flinkLeaseMs;
  readonly ownerTag = "flink:";
  readonly logPrefix = "Flink ";
  readonly outlivesEngine = true;
  private readonly rest: FlinkRestClient;

  /** Stopped deployments whose job may still run (their engine died before stopping it). */
  readonly orphans = {
    where: { flinkJobId: { not: null } },
    stop: (deployment: DeploymentRow) => this.stopJob(deployment.id, deployment.pipelineId, deployment.flinkJobId!),
  };

  constructor(private readonly options: FlinkRuntimeOptions) {
    this.rest = new FlinkRestClient(options.cluster.restUrl);
  }

  /** A deployment with a job id may have a job still running: adopting it keeps its start time. */
  resumes(deployment: DeploymentRow): boolean {
    return deployment.flinkJobId !== null;
  }

  async start(deployment: DeploymentRow, record: (fields: Record<string, unknown>) => Promise<void>): Promise<StartOutcome<FlinkRun>> {
    try {
      return { ok: true, run: await this.submit(deployment, record) };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.options.log(`deployment ${deployment.id}: Flink submission failed – ${message}`);
      return { ok: false, error: `Flink: ${message}` };
    }
  }

  private async submit(deployment: DeploymentRow, record: (fields: Record<string, unknown>) => Promise<void>): Promise<FlinkRun> {
    const { db, cluster, log } = this.options;
    const validation = (await loadVersion(db, deployment.pipelineId, deployment.version))?.validation;
    if (!validation?.ok) throw new Error(`version ${deployment.version} is missing or invalid and cannot run`);
    const document = validation.document;
    const groupId = `streamline.${deployment.pipelineId}.g${deployment.generation}.flink`;
    await cluster.ensureRunning();
    // The job writes its record samples there (at-least-once, no transactions); the engine reads them back.
    if (this.options.samples !== false) await this.options.client.ensureTopics([{ topic: flinkSamplesTopic(deployment.pipelineId), partitions: 1, retentionMs: flinkSamplesRetentionMs }]);

    // A job of this deployment that still runs is adopted: one from before this process started (or from a
    // lost lease), or one the row does not name, started by a submission that failed on our side (a timeout
    // under load) after Flink had accepted it; submitting again would write every update twice.
    const recorded = deployment.flinkJobId ? await this.rest.job(deployment.flinkJobId) : null;
    const live = recorded && !isTerminal(recorded.state) ? recorded : (await this.rest.jobs().catch(() => [])).find((job) => job.name === jobNameOf(deployment) && !isTerminal(job.state));
    if (live) {
      const unrecorded = live.jid !== deployment.flinkJobId;
      if (unrecorded) await record({ flinkJobId: live.jid });
      const plan = this.compile(document, groupId, deployment, undefined, await resolveFlinkConnections(db, document));
      log(`deployment ${deployment.id}: adopted Flink job ${live.jid} (${live.state})${unrecorded ? ", started by an earlier submission that did not record it" : ""}`);
      return this.newRun(deployment, document, plan, groupId, live.jid);
    }
    const resume = await this.resumePoint(deployment);
    const savepoint = resume.savepointPath;
    const plan = this.compile(document, groupId, deployment, savepoint, await resolveFlinkConnections(db, document), resume.fromGroupOffsets);
    let jobId: string;
    try {
      ({ jobId } = await submitPlan(cluster.gatewayUrl, plan, `streamline-${deployment.id}`));
    } catch (error) {
      // Flink's errors quote table options, the SASL password among them: never let it reach the log or the deployment's error.
      throw new Error(redactSecrets(error instanceof Error ? error.message : String(error), plan.secrets));
    }
    await record({ flinkJobId: jobId });
    log(`deployment ${deployment.id} (pipeline ${deployment.pipelineId} v${deployment.version}): submitted Flink job ${jobId} at parallelism ${deployment.parallelism ?? "default"}${savepoint ? ` from savepoint ${savepoint}` : ""}`);
    return this.newRun(deployment, document, plan, groupId, jobId);
  }

  /**
   * Where a new job of the deployment starts. From where the last job of its
   * generation (a reset deploy starts a new one) that committed anything left
   * off: this deployment's own earlier job first (one that failed for good or
   * was cancelled while the deployment should run, and is submitted again),
   * then, for a first submission, the restore the user named, then the
   * pipeline's earlier deployments, newest first. Never an older job's
   * savepoint when a later job committed output past it: replaying from there
   * writes those updates twice.
   */
  private async resumePoint(deployment: DeploymentRow): Promise<{ savepointPath?: string; fromGroupOffsets?: boolean }> {
    if (deployment.flinkJobId) {
      const own = await this.leftOff(deployment);
      if (own !== "nothing committed") return own;
    }
    if (deployment.restoreSavepoint) return { savepointPath: deployment.restoreSavepoint };
    const earlier = await this.options.db.deployment.findMany({
      where: { pipelineId: deployment.pipelineId, runtime: "flink", generation: deployment.generation, flinkJobId: { not: null }, createdAt: { lt: deployment.createdAt } },
      orderBy: { createdAt: "desc" },
      take: 20,
    });
    for (const previous of earlier) {
      const point = await this.leftOff(previous);
      if (point !== "nothing committed") return point;
    }
    return {};
  }

  /**
   * Where a deployment's job that ended left its pipeline: its savepoint; else
   * its last checkpoint (retained on cancellation and failure); "nothing
   * committed" when it completed no checkpoint (its exactly-once sinks and its
   * sources' offsets commit on checkpoints), so the job before it decides;
   * and the consumer group's committed offsets, with empty state, when the
   * JobManager no longer knows the job (a restarted cluster).
   */
  private async leftOff(row: DeploymentRow): Promise<{ savepointPath?: string; fromGroupOffsets?: boolean } | "nothing committed"> {
    if (row.savepointPath) return { savepointPath: row.savepointPath };
    // Not caught: a REST error fails this submission (retried), where a guess would lose state or replay output.
    const stats = await this.rest.checkpoints(row.flinkJobId!);
    const retained = stats?.latest.completed?.external_path;
    if (retained) {
      this.options.log(`deployment ${row.id}: its job ${row.flinkJobId} left no savepoint; resuming from its last checkpoint ${retained}`);
      return { savepointPath: retained };
    }
    if (stats && stats.counts.completed === 0) return "nothing committed";
    this.options.log(`deployment ${row.id}: ${stats ? `its job ${row.flinkJobId} left no retained checkpoint` : `the cluster no longer knows its job ${row.flinkJobId}`}; starting from the committed offsets of the consumer group, with empty state`);
    return { fromGroupOffsets: true };
  }

  private compile(document: PipelineDocument, groupId: string, deployment: DeploymentRow, savepointPath: string | undefined, connections: Record<string, FlinkKafkaConnection>, resumeFromGroupOffsets?: boolean): FlinkPlan {
    const compiled = compilePipelineToFlinkSql(document, {
      bootstrapServers: this.options.cluster.kafkaBrokers,
      groupId,
      jobName: jobNameOf(deployment),
      savepointPath,
      resumeFromGroupOffsets,
      parallelism: deployment.parallelism ?? undefined,
      maxParallelism: deployment.maxParallelism ?? undefined,
      checkpointIntervalMs: deployment.checkpointIntervalMs ?? undefined,
      // Exactly-once: Kafka transactions per deployment, so a new deployment never fences (or is fenced by) the old one's.
      transactionalIdPrefix: deployment.guarantee === "exactly-once" ? `streamline-${deployment.id}` : undefined,
      connections,
      // Undecodable records and failed expressions go where the embedded engine sends them.
      deadLetterTopic: deployment.deadLetterTopic,
      // A few records of each node's output per second, for the canvas's samples and the end-to-end latency.
      samplesTopic: this.options.samples === false ? undefined : flinkSamplesTopic(deployment.pipelineId),
    });
    if (!compiled.ok) throw new Error(compiled.problems.map((p) => p.message).join("; "));
    return compiled.plan;
  }

  private newRun(deployment: DeploymentRow, document: PipelineDocument, plan: FlinkPlan, groupId: string, jobId: string): FlinkRun {
    return { deploymentId: deployment.id, pipelineId: deployment.pipelineId, version: deployment.version, jobId, document, plan, groupId, operators: null, status: "starting", error: null, counters: { recordsIn: 0, recordsOut: 0 },
      exactlyOnce: deployment.guarantee === "exactly-once",
      startedAt: null,
      sampling: { readAt: 0, reading: false, pending: null, published: "", latencies: new Map() },
    };
  }

  /** Stops the job with a savepoint, recorded on the deployment for the next deploy. */
  stop(run: FlinkRun): Promise<StopOutcome> {
    return this.stopJob(run.deploymentId, run.pipelineId, run.jobId);
  }

  /** Another engine holds the deployment now and watches its job: leave the job alone. */
  async abandon(): Promise<void> {}

  private async stopJob(deploymentId: string, pipelineId: string, jobId: string): Promise<StopOutcome> {
    const { cluster, log } = this.options;
    try {
      const job = await this.rest.job(jobId);
      if (!job || !["RUNNING", "CREATED", "INITIALIZING", "RESTARTING"].includes(job.state)) return { error: null };
      // A savepoint needs every task running: a job just started (a rescale right after a deploy) or
      // restarting after a failover refuses it for a few seconds, so try again before giving up.
      for (let attempt = 1; ; attempt++) {
        try {
          const savepointPath = await this.rest.stopWithSavepoint(jobId, cluster.savepointDir ? path.join(cluster.savepointDir, pipelineId) : undefined);
          log(`deployment ${deploymentId}: Flink job ${jobId} stopped with savepoint ${savepointPath}`);
          return { error: null, record: { savepointPath } };
        } catch (error) {
          const state = (await this.rest.job(jobId).catch(() => null))?.state;
          if (attempt >= 5 || (state !== "RUNNING" && state !== "RESTARTING" && state !== "INITIALIZING" && state !== "CREATED")) throw error;
          log(`deployment ${deploymentId}: stop with savepoint of Flink job ${jobId} failed (attempt ${attempt}, job ${state}): ${error instanceof Error ? error.message : String(error)}; retrying`);
          await new Promise((resolve) => setTimeout(resolve, 3_000));
        }
      }
    } catch (cause) {
      // A job that cannot take a savepoint (e.g. still restarting) is cancelled: stopping must not hang. Its
      // last checkpoint is retained on cancellation (compile-pipeline.ts) and recorded as the restore point.
      const checkpoint = (await this.rest.checkpoints(jobId).catch(() => null))?.latest.completed ?? null;
      await this.rest.cancel(jobId).catch(() => undefined);
      const reason = cause instanceof Error ? cause.message : String(cause);
      const error = checkpoint?.external_path
        ? `Stopped without a savepoint (${reason}); the next deploy resumes from its last checkpoint, ${checkpoint.id}`
        : `Stopped without a savepoint or checkpoint (${reason}); the next deploy starts from the committed Kafka offsets with empty state`;
      log(`deployment ${deploymentId}: ${error}`);
      return checkpoint?.external_path ? { error, record: { savepointPath: checkpoint.external_path } } : { error };
    }
  }

  /** Reads each job's state and maps it to the deployment's status; a job that failed or finished ends the run. */
  async refresh(runs: readonly FlinkRun[]): Promise<void> {
    const { log } = this.options;
    for (const run of runs) {
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
          error = status === "failed" || status === "degraded" ? redactSecrets(`Flink job ${job.state.toLowerCase()}: ${(await this.rest.rootException(run.jobId)) ?? "see the Flink logs"}`, run.plan.secrets) : null;
          if (!run.operators && job.state === "RUNNING") run.operators = mapVerticesToNodes(run.document, run.plan, job.vertices);
          run.startedAt ??= job["start-time"] > 0 ? job["start-time"] : null;
        }
      } catch (cause) {
        status = "degraded";
        error = `The Flink REST API does not answer: ${cause instanceof Error ? cause.message : String(cause)}`;
      }
      if (status !== run.status) log(`deployment ${run.deploymentId}: Flink job ${run.jobId} is ${job?.state ?? "unknown"} → ${status}`);
      run.status = status;
      run.error = error;
      run.ended = status === "failed" || status === "stopped";
    }
  }

  stats(run: FlinkRun): string {
    return JSON.stringify({ ...run.counters, flinkJobId: run.jobId });
  }

  /** Per-node counters and load from Flink's operator metrics, under the canvas node ids. */
  async telemetry(runs: readonly FlinkRun[]): Promise<OutgoingMessage[]> {
    const messages: OutgoingMessage[] = [];
    for (const run of runs) {
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
      // Lag of sources on the default cluster (the engine's client); a stored connection's cluster is not asked.
      const onConnection = new Set(run.document.nodes.filter((n) => (n.data as { connection?: string }).connection).map((n) => n.id));
      for (const table of run.plan.tables.filter((t) => t.role === "source" && !onConnection.has(t.nodeId))) {
        // Flink commits its source offsets to the consumer group on every checkpoint.
        for (const partition of await this.options.client.offsets(table.topic, run.groupId).catch(() => [])) {
          const committed = partition.committed === null ? 0n : BigInt(partition.committed);
          lag.push({ ...partition, topic: table.topic, lag: Number(BigInt(partition.end) - committed) });
        }
      }
      const at = Date.now();
      if (run.status === "running" && this.options.samples !== false && !run.sampling.reading && at - run.sampling.readAt >= samplesEveryMs) {
        run.sampling.reading = true;
        run.sampling.readAt = at;
        // In the background: a read joins consumer groups, which must not hold up the status loop.
        void this.readSamples(run)
          .catch((error) => this.options.log(`deployment ${run.deploymentId}: samples not read: ${error instanceof Error ? error.message : String(error)}`))
          .finally(() => (run.sampling.reading = false));
      }
      const latencies = [...run.sampling.latencies.values()].filter((l) => l.visibleAt >= at - latencyWindowMs).map((l) => l.ms);
      const message: MetricsMessage = {
        kind: "metrics",
        deploymentId: run.deploymentId,
        pipelineId: run.pipelineId,
        version: run.version,
        at,
        status: run.status,
        nodes,
        endToEndP50Ms: percentile(latencies, 0.5),
        endToEndP99Ms: percentile(latencies, 0.99),
        lag,
        counters: { ...run.counters, deadLetters: 0, batches: 0 },
      };
      messages.push({ topic: telemetryTopic, key: run.deploymentId, value: JSON.stringify(message), timestamp: at });
      if (run.sampling.pending) {
        const samples: SamplesMessage = { kind: "samples", deploymentId: run.deploymentId, pipelineId: run.pipelineId, at, nodes: run.sampling.pending };
        run.sampling.pending = null;
        messages.push({ topic: telemetryTopic, key: run.deploymentId, value: JSON.stringify(samples), timestamp: at });
      }
    }
    return messages;
  }

  /**
   * Reads a run's samples (the end of the pipeline's samples topic, and of
   * each sink's topic on the default cluster), keeps them for the next
   * telemetry when they changed, and turns the samples that reached a sink
   * into end-to-end latency observations once their checkpoint completed.
   */
  private async readSamples(run: FlinkRun): Promise<void> {
    const { client } = this.options;
    if (run.startedAt === null) return;
    const perPartition = Math.min(2_000, 2 * sampleSize * Math.max(1, run.plan.sampled.length));
    const read = await client.readLatest(flinkSamplesTopic(run.pipelineId), perPartition);
    const samples = samplesSince(
      read.flatMap((m) => parseFlinkSample(m.value?.toString("utf8") ?? null) ?? []),
      run.startedAt,
    );
    const sinkRecords: Record<string, Sample[]> = {};
    const onConnection = new Set(run.document.nodes.filter((n) => (n.data as { connection?: string }).connection).map((n) => n.id));
    for (const table of run.plan.tables.filter((t) => t.role === "sink" && !onConnection.has(t.nodeId))) {
      // Committed records only (the read is read_committed): what readers of the topic see, whichever job wrote them.
      sinkRecords[table.nodeId] = (await client.readLatest(table.topic, sinkSampleRecords)).map((m) => sinkSample(m.value, m.timestamp));
    }
    const nodes = nodeSamples(run.document, samples, sinkRecords);
    const published = JSON.stringify(nodes);
    if (published !== run.sampling.published) {
      run.sampling.published = published;
      run.sampling.pending = nodes;
    }

    const history = (await this.rest.checkpoints(run.jobId))?.history ?? [];
    const checkpoints: CompletedCheckpoint[] = history
      .filter((c) => c.status === "COMPLETED" && !c.is_savepoint && c.latest_ack_timestamp !== undefined)
      .map((c) => ({ triggeredAt: c.trigger_timestamp, completedAt: c.latest_ack_timestamp! }));
    const keys = new Set(run.document.nodes.filter((n) => categoryOf(n.type) === "sink").map((n) => latencyKeyOf(run.document, run.plan, n.id)));
    const reached = samples.filter((s) => keys.has(s.key));
    for (const sample of reached) {
      const id = `${sample.key} ${sample.sample.at} ${sample.sample.timestamp}`;
      if (run.sampling.latencies.has(id)) continue;
      const [observed] = endToEndLatencies([sample.sample], run.exactlyOnce, checkpoints);
      if (observed) run.sampling.latencies.set(id, observed);
    }
    const horizon = Date.now() - 2 * latencyWindowMs;
    for (const [id, observed] of run.sampling.latencies) if (observed.visibleAt < horizon) run.sampling.latencies.delete(id);
  }
}

/** A sink topic's record as a sample: its JSON value (or text), at the time it was written. */
function sinkSample(value: Buffer | null, timestamp: number): Sample {
  const text = value?.toString("utf8") ?? null;
  let fields: unknown = text;
  try {
    fields = text === null ? null : JSON.parse(text);
  } catch {
    // Not JSON: shown as its text.
  }
  return { at: timestamp, timestamp, fields };
}

function percentile(values: number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
}

/** The reconciler of Flink deployments: its own loop, so a submission or savepoint never holds up embedded deployments. */
export function flinkReconciler(options: FlinkRuntimeOptions & Pick<ReconcilerOptions, "publish">): Reconciler<FlinkRun> {
  return new Reconciler(new FlinkRuntime(options), options);
}
