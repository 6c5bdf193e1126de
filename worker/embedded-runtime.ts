import { registryResolver, usesRegistry } from "@/engine/formats/registry-codecs";
import { registerSinkSchemas } from "@/engine/formats/sink-schemas";
import type { ExecutorFormats } from "@/engine/formats/executor-formats";
import type { RegistryCodec } from "@/engine/formats/registry-codec";
import { embeddedLeaseMs } from "@/engine/deployments/deployment-state";
import { isLeadershipChange } from "@/engine/kafka/kafkajs-log";
import { pipelineConnection, type PipelineDocument } from "@/engine/graph";
import type { StreamClient } from "@/engine/kafka/stream-client";
import type { OutgoingMessage } from "@/engine/runtime/stream-record";
import { SupervisedRunner } from "@/engine/runners/supervised-runner";
import { pendingOutputLimit } from "@/engine/runners/pending-output-limit";
import { processingThreadsSetting } from "@/engine/runners/processing-threads";
import { startOnce, type StartPosition } from "@/engine/runners/start-position";
import { telemetryTopic, type MetricsMessage, type SamplesMessage } from "@/engine/telemetry/telemetry-messages";
import { loadVersion } from "@/lib/deployments/load-version";
import type { Db } from "@/lib/server/db/prisma";
import type { DeploymentRow, DeploymentRuntime, EngineLog, RunBase, StartOutcome, StopOutcome } from "./deployment-runtime";
import { Reconciler, type ReconcilerOptions } from "./reconciler";

/** A deployment the embedded engine runs in this process. */
export type EmbeddedRun = RunBase & {
  sampleVersions: Map<string, number>;
  supervisor: SupervisedRunner;
};

export type EmbeddedRuntimeOptions = {
  db: Db;
  /** The client of the server's own cluster (KAFKA_BROKERS), for pipelines that name no connection. */
  client: StreamClient;
  /** The client of a stored Kafka connection (resolved, decrypted and guarded by the caller); without it such pipelines fail. */
  clientFor?: (connectionId: string) => Promise<StreamClient>;
  /** The registry codecs of a pipeline's nodes (its stored connection's registry, else SCHEMA_REGISTRY_URL); default: SCHEMA_REGISTRY_URL only. */
  registryFor?: (document: PipelineDocument) => Promise<(connection: string | undefined) => RegistryCodec | null>;
  log: EngineLog;
};

/**
 * The embedded engine as a deployment runtime: each deployment runs here, in
 * a supervised runner (engine/runners/supervised-runner.ts) that restarts
 * the pipeline after failures and reports its status.
 */
export class EmbeddedRuntime implements DeploymentRuntime<EmbeddedRun> {
  readonly kind = "embedded";
  readonly leaseMs = embeddedLeaseMs;
  readonly ownerTag = "";
  readonly logPrefix = "";
  readonly outlivesEngine = false;

  constructor(private readonly options: EmbeddedRuntimeOptions) {}

  resumes(): boolean {
    return false;
  }

  async start(deployment: DeploymentRow, record: (fields: Record<string, unknown>) => Promise<void>): Promise<StartOutcome<EmbeddedRun>> {
    const { db, client, log } = this.options;
    const validation = (await loadVersion(db, deployment.pipelineId, deployment.version))?.validation;
    if (!validation?.ok) return { ok: false, error: `Version ${deployment.version} is missing or invalid and cannot run` };
    const connectionId = pipelineConnection(validation.document);
    let runClient = client;
    if (connectionId) {
      try {
        if (!this.options.clientFor) throw new Error("this engine has no access to stored Kafka connections");
        runClient = await this.options.clientFor(connectionId);
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        return { ok: false, error: `Cannot use Kafka connection ${connectionId}: ${reason}` };
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
        return { ok: false, error: error instanceof Error ? error.message : String(error) };
      }
    }
    // Whether this deployment's current trouble was logged as a warning (see onStatus below).
    let warned = false;
    const run: EmbeddedRun = {
      deploymentId: deployment.id,
      pipelineId: deployment.pipelineId,
      version: deployment.version,
      sampleVersions: new Map(),
      status: "starting",
      error: null,
      supervisor: null as unknown as SupervisedRunner,
    };
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
                await record({ startAppliedAt: new Date() });
              })
            : undefined,
        formats,
        maxPendingBytes: pendingOutputLimit(),
        processingThreads: processingThreadsSetting(),
      },
      {
        onStatus: (status, error) => {
          const previous = run.status;
          const previousError = run.error;
          run.status = status;
          run.error = error;
          const fields = { pipeline: deployment.pipelineId, deployment: deployment.id };
          const name = `deployment ${deployment.id} (pipeline ${deployment.pipelineId} v${deployment.version})`;
          // One warning when trouble starts (not one per retry), one info line when it is over. A partition
          // leader moving (a topic created a moment ago, a broker just started) fails one run and the retry
          // goes through: that is worth a warning only when it happens again.
          // The supervisor reports one failure twice: when the runner fails, and once it has stopped (with the retry's delay).
          const sameFailure = status === "degraded" && previous === "degraded" && failureOf(error) === failureOf(previousError);
          if (sameFailure) log(`${name}: ${error}`, { ...fields, level: "debug" });
          else if (status === "degraded") {
            const firstLeaderMove = previous !== "degraded" && isLeadershipChange(error);
            if (warned || firstLeaderMove) log(`${name}: ${warned ? "still degraded" : "restarting after a partition leader moved"} – ${error}`, { ...fields, level: warned ? "debug" : "info" });
            else log(`${name}: degraded – ${error}`, { ...fields, level: "warn" });
            warned ||= !firstLeaderMove;
          } else if (status === "failed") log(`${name}: failed – ${error}`, { ...fields, level: "error" });
          else if (status === "running" && previous === "degraded") {
            log(`${name}: ${warned ? "recovered, running again" : "running again"}`, warned ? fields : { ...fields, level: "debug" });
            warned = false;
          } else log(`deployment ${deployment.id} (pipeline ${deployment.pipelineId} v${deployment.version}): ${status}${error ? ` – ${error}` : ""}`, fields);
        },
        log: (message) => log(`deployment ${deployment.id}: ${message}`, { pipeline: deployment.pipelineId, deployment: deployment.id, level: "debug" }),
      },
    );
    run.supervisor.start();
    return { ok: true, run };
  }

  async stop(run: EmbeddedRun): Promise<StopOutcome> {
    await run.supervisor.stop();
    return { error: null };
  }

  async abandon(run: EmbeddedRun): Promise<void> {
    await run.supervisor.stop();
  }

  /** The supervisor reports every status change itself (onStatus); nothing to ask. */
  async refresh(): Promise<void> {}

  stats(run: EmbeddedRun): string | undefined {
    const counters = run.supervisor.runner?.counters ?? null;
    return counters ? JSON.stringify(counters) : undefined;
  }

  /** Each live runner's metrics of the last second, and the samples that changed. */
  async telemetry(runs: readonly EmbeddedRun[]): Promise<OutgoingMessage[]> {
    const messages: OutgoingMessage[] = [];
    for (const run of runs) {
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
    return messages;
  }
}

/** The reconciler of embedded deployments (the engine process's main loop). */
export function embeddedReconciler(options: EmbeddedRuntimeOptions & Pick<ReconcilerOptions, "publish">): Reconciler<EmbeddedRun> {
  return new Reconciler(new EmbeddedRuntime(options), options);
}

/** A supervisor's degraded message without the note on what it is doing about it. */
function failureOf(error: string | null): string | null {
  return error?.replace(/ \((stopping the failed runner|retrying in \d+ s)\)$/, "") ?? null;
}
