import { z } from "zod";

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
  flink: z.object({ jobId: z.string().nullable(), savepointPath: z.string().nullable() }).nullable(),
});

/** `GET /api/pipelines/:id/status`. */
export const deploymentStatusResponse = z.object({
  /** The pipeline's latest deployment, or null when it was never deployed. */
  deployment: deploymentView.nullable(),
  /** The pipeline's latest saved version, to tell whether the deployed one is behind. */
  latestVersion: z.number(),
});

/** `POST /api/pipelines/:id/deploy` and `…/stop`. */
export const deploymentResponse = z.object({ deployment: deploymentView });

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
export type DeploymentStatusResponse = z.infer<typeof deploymentStatusResponse>;
export type DeadLetterView = z.infer<typeof deadLetterView>;
export type DeadLettersResponse = z.infer<typeof deadLettersResponse>;
