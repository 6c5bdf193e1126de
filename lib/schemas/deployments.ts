import { z } from "zod";
import { startAt } from "./start-at";

/**
 * The deployments API (deploy, stop, status, dead letters): request bodies and
 * answers, shared by the route handlers, the server functions that shape the
 * answers and the browser's client, which parses every answer with these.
 */

export const deploymentRuntimes = ["embedded", "flink"] as const;
export const deliveryGuarantees = ["exactly-once", "at-least-once"] as const;

/** Where a pipeline runs: the embedded engine or the Flink cluster. */
export type DeploymentRuntime = (typeof deploymentRuntimes)[number];
export type DeliveryGuarantee = (typeof deliveryGuarantees)[number];

/** What the engine reports about a deployment; `unresponsive` is the server's verdict when heartbeats stop. */
export type DeploymentStatusName = "starting" | "running" | "degraded" | "stopping" | "stopped" | "failed" | "unresponsive";

const flinkParallelism = z.number({ error: "Parallelism must be a number" }).int().min(1, "Parallelism must be at least 1").max(256, "Parallelism must be at most 256");

export const deployPipelineBody = z.strictObject({
  /** Where to run: the embedded engine (default) or the Flink cluster (the graph compiled to Flink SQL). */
  runtime: z.enum(deploymentRuntimes, { error: "Runtime must be 'embedded' or 'flink'" }).optional(),
  guarantee: z.enum(deliveryGuarantees, { error: "Guarantee must be 'exactly-once' or 'at-least-once'" }).optional(),
  /** Start over: new consumer offsets and empty operator state instead of continuing the last deployment's. */
  reset: z.boolean({ error: "Reset must be true or false" }).optional(),
  deadLetterTopic: z
    .string()
    .trim()
    .regex(/^[a-zA-Z0-9._-]{1,249}$/, "Dead-letter topic must be a Kafka topic name (letters, digits, '.', '_', '-')")
    .optional(),
  /** The saved version to deploy; the latest when omitted. */
  version: z.number({ error: "Version must be a number" }).int().positive("Version must be a positive whole number").optional(),
  /** `true`: answer the deploy plan (what happens to each node's state and where each source resumes) without deploying. */
  dryRun: z.boolean({ error: "dryRun must be true or false" }).optional(),
  /** Replay: where the sources start instead of where the last deployment stopped (see docs/engine.md "Replay"). */
  startAt: startAt.optional(),
  /** Runtime `flink`: the job's parallelism; default: the source topics' largest partition count, capped by the cluster's free task slots. */
  parallelism: flinkParallelism.optional(),
  /** Runtime `flink`: the job's max parallelism (key groups of keyed state); default: the last deployment's, else 128. */
  maxParallelism: z.number({ error: "maxParallelism must be a number" }).int().min(1, "maxParallelism must be at least 1").max(32768, "maxParallelism must be at most 32768").optional(),
  /** Runtime `flink`: checkpoint interval in ms (exactly-once sinks make results visible at each checkpoint); default 5000. */
  checkpointIntervalMs: z.number({ error: "checkpointIntervalMs must be a number" }).int().min(500, "checkpointIntervalMs must be at least 500").max(600_000, "checkpointIntervalMs must be at most 600000").optional(),
  /** Runtime `flink`: start from this savepoint of the pipeline (one listed by `GET /api/pipelines/:id/checkpoints`) instead of the last one. */
  restoreSavepoint: z.string().min(1).max(2000).optional(),
});

export type DeployPipelineBody = z.infer<typeof deployPipelineBody>;

// ─── Answers ──────────────────────────────────────────────────────────────────

/** A deployment of one version. Times are ISO 8601 UTC; `status` is one of `DeploymentStatusName`. */
export const deploymentView = z.object({
  id: z.string(),
  version: z.number(),
  runtime: z.string(),
  guarantee: z.string(),
  desiredState: z.string(),
  /** The engine's report, or `unresponsive` when it stopped heart-beating while it should run. */
  status: z.string(),
  error: z.string().nullable(),
  deadLetterTopic: z.string(),
  generation: z.number(),
  heartbeatAt: z.string().nullable(),
  startedAt: z.string().nullable(),
  stoppedAt: z.string().nullable(),
  createdAt: z.string(),
  stats: z.record(z.string(), z.unknown()).nullable(),
  /** Runtime `flink`: the job and the savepoint it was stopped with, if any. */
  flink: z
    .object({
      jobId: z.string().nullable(),
      savepointPath: z.string().nullable(),
      parallelism: z.number().nullable(),
      maxParallelism: z.number().nullable(),
      checkpointIntervalMs: z.number().nullable(),
    })
    .nullable(),
});

/** `POST /api/pipelines/:id/rescale`: the running Flink deployment's new parallelism. */
export const rescalePipelineBody = z.strictObject({ parallelism: flinkParallelism });
export type RescalePipelineBody = z.infer<typeof rescalePipelineBody>;

/** One checkpoint of a Flink job, as the JobManager reports it. Times are epoch ms. */
export const checkpointView = z.object({
  id: z.number(),
  status: z.string(),
  savepoint: z.boolean(),
  triggeredAt: z.number(),
  durationMs: z.number().nullable(),
  sizeBytes: z.number().nullable(),
  failureMessage: z.string().nullable(),
});

/** `GET /api/pipelines/:id/checkpoints`: the current Flink job's checkpoints and the pipeline's savepoints. */
export const checkpointsResponse = z.object({
  /** The latest deployment when it runs on Flink, else null (and the rest empty). */
  deployment: z.object({ id: z.string(), jobId: z.string().nullable(), parallelism: z.number().nullable(), checkpointIntervalMs: z.number().nullable() }).nullable(),
  counts: z.object({ completed: z.number(), failed: z.number(), inProgress: z.number(), restored: z.number() }),
  /** The last completed checkpoint (or savepoint) of the job. */
  latest: checkpointView.nullable(),
  /** The job's most recent failed checkpoints, newest first. */
  failures: z.array(checkpointView),
  /** Savepoints the pipeline's Flink jobs were stopped with, newest first; each can be restored with a deploy. */
  savepoints: z.array(z.object({ deploymentId: z.string(), version: z.number(), path: z.string(), at: z.string(), parallelism: z.number().nullable(), generation: z.number() })),
});

/** `GET /api/pipelines/:id/status`. */
export const deploymentStatusResponse = z.object({
  /** The pipeline's latest deployment, or null when it was never deployed. */
  deployment: deploymentView.nullable(),
  /** The pipeline's latest saved version, to tell whether the deployed one is behind. */
  latestVersion: z.number(),
});

/** `POST /api/pipelines/:id/stop`. */
export const deploymentResponse = z.object({ deployment: deploymentView });

/** What a deploy does to state and where sources resume (engine/deployments/deploy-plan.ts computes it). */
export const deployPlan = z.object({
  version: z.number(),
  previousVersion: z.number().nullable(),
  generation: z.number(),
  reset: z.boolean(),
  stateful: z.array(
    z.object({
      nodeId: z.string(),
      type: z.string(),
      label: z.string(),
      /** kept: same node id and configuration; reset: configuration changed or everything reset; new: not in the previous deployment. */
      state: z.enum(["kept", "reset", "new"]),
      reason: z.string(),
      changedFields: z.array(z.string()),
    }),
  ),
  removed: z.array(z.object({ nodeId: z.string(), type: z.string(), label: z.string() })),
  sources: z.array(z.object({ nodeId: z.string(), topic: z.string(), resumes: z.enum(["committed", "earliest", "latest", "timestamp", "offsets"]), description: z.string() })),
  warnings: z.array(z.string()),
});

/** `POST /api/pipelines/:id/deploy`: the deployment (null for a dry run) and its plan. */
export const deployResponse = z.object({ deployment: deploymentView.nullable(), plan: deployPlan });

/** `GET /api/pipelines/:id/deployments`: the deployment events, oldest first. */
export const deploymentLogResponse = z.object({
  events: z.array(z.object({ at: z.string(), deploymentId: z.string(), version: z.number(), event: z.enum(["deployed", "started", "stopped", "failed", "status"]), message: z.string() })),
});

/** `POST /api/pipelines/:id/offsets`: the group and the offsets it now has committed. */
export const resetOffsetsResponse = z.object({ groupId: z.string(), offsets: z.array(z.object({ topic: z.string(), partition: z.number(), offset: z.string() })) });

/** A failed record from the pipeline's dead-letter topic, with its error and where it came from. */
export const deadLetterView = z.object({
  at: z.number(),
  code: z.string(),
  detail: z.string().nullable(),
  message: z.string(),
  nodeId: z.string(),
  source: z.object({ topic: z.string(), partition: z.number(), offset: z.string() }),
  /** The record as text (JSON fields, or the original bytes when they are UTF-8). */
  value: z.string().nullable(),
  location: z.object({ partition: z.number(), offset: z.string() }),
});

/** `GET /api/pipelines/:id/dead-letters`: the newest first. */
export const deadLettersResponse = z.object({ topic: z.string(), deadLetters: z.array(deadLetterView) });

export type DeploymentView = z.infer<typeof deploymentView>;
export type CheckpointView = z.infer<typeof checkpointView>;
export type CheckpointsResponse = z.infer<typeof checkpointsResponse>;
export type DeployPlanView = z.infer<typeof deployPlan>;
export type DeployResponse = z.infer<typeof deployResponse>;
export type DeploymentLogResponse = z.infer<typeof deploymentLogResponse>;
export type DeploymentStatusResponse = z.infer<typeof deploymentStatusResponse>;
export type DeadLetterView = z.infer<typeof deadLetterView>;
export type DeadLettersResponse = z.infer<typeof deadLettersResponse>;
