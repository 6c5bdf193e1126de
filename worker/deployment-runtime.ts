import type { ActualStatus } from "@/engine/deployments/deployment-state";
import type { LogLevel } from "@/engine/kafka/kafkajs-log";
import type { OutgoingMessage } from "@/engine/runtime/stream-record";
import type { Db } from "@/lib/server/db/prisma";

/** A log line's level and the pipeline and deployment it concerns. */
export type LogLineFields = { level?: LogLevel; pipeline?: string; deployment?: string };

/** The engine's log; `fields` name the level (default info) and the pipeline and deployment a line is about. */
export type EngineLog = (message: string, fields?: LogLineFields) => void;

/** A Deployment row as the reconciler reads it. */
export type DeploymentRow = Awaited<ReturnType<Db["deployment"]["findFirstOrThrow"]>>;

/** What the reconciler keeps of every run, whatever runs it. The runtime updates `status` and `error`. */
export type RunBase = {
  deploymentId: string;
  pipelineId: string;
  version: number;
  status: ActualStatus;
  error: string | null;
  /** True once the run is over for good (a Flink job that failed or finished): the next heartbeat lets the deployment go. */
  ended?: boolean;
};

/** A start that could not happen, and why (written to the deployment as `failed`). */
export type StartOutcome<Run> = { ok: true; run: Run } | { ok: false; error: string };

/** What stopping a run left behind: an error to show, and fields of the row to record (a Flink savepoint). */
export type StopOutcome = { error: string | null; record?: Record<string, unknown> };

/**
 * Where a deployment's pipeline runs: the embedded engine in this process, or
 * a Flink cluster. The reconciler (worker/reconciler.ts) owns the protocol —
 * which deployments to run, claim, heartbeat, release, stop — and every write
 * of the Deployment row's state; a runtime only starts, watches and stops runs.
 */
export type DeploymentRuntime<Run extends RunBase> = {
  /** The `runtime` column of the deployments this runtime runs. */
  readonly kind: "embedded" | "flink";
  /** How long a claim or heartbeat holds a deployment. */
  readonly leaseMs: number;
  /** A word in the owner id (`host:pid:<tag>id`), so the rows show which loop holds them. */
  readonly ownerTag: string;
  /** Prefix of the reconciler's own log lines about this runtime ("" or "Flink "). */
  readonly logPrefix: string;
  /**
   * True when a run outlives this process (a Flink job): on shutdown the
   * deployment is let go without stopping the run, and the next engine adopts it.
   */
  readonly outlivesEngine: boolean;
  /** True when the claimed deployment continues a run that already exists (so it keeps its `startedAt`). */
  resumes(deployment: DeploymentRow): boolean;
  /**
   * Starts (or adopts) a claimed deployment. `record` writes runtime fields to
   * its row (a replay's start applied, a Flink job id).
   */
  start(deployment: DeploymentRow, record: (fields: Record<string, unknown>) => Promise<void>): Promise<StartOutcome<Run>>;
  /** Stops a run this process holds, keeping what the next run resumes from. */
  stop(run: Run): Promise<StopOutcome>;
  /** Drops a run another process holds now (its lease lapsed): stop whatever this process itself runs for it. */
  abandon(run: Run): Promise<void>;
  /** Refreshes `status`, `error` and `ended` of the runs where the runtime must ask (Flink's job states). */
  refresh(runs: readonly Run[]): Promise<void>;
  /** The counters stored on the row with each heartbeat (JSON), or undefined to leave them. */
  stats(run: Run): string | undefined;
  /** The telemetry messages of the runs (metrics of the last second, changed samples). */
  telemetry(runs: readonly Run[]): Promise<OutgoingMessage[]>;
  /**
   * Deployments stopped by a user while no engine held them whose run may
   * still go on outside this process (a Flink job): the Prisma `where`
   * fragment that finds them, and how to stop one. Absent: nothing to sweep.
   */
  orphans?: {
    where: Record<string, unknown>;
    stop(deployment: DeploymentRow): Promise<StopOutcome>;
  };
};
