import { hostname } from "node:os";
import { randomUUID } from "node:crypto";
import { claim, claimableBy, fail, heartbeat, letGo, release, renewLease, starting, stopping } from "@/engine/deployments/deployment-state";
import type { OutgoingMessage } from "@/engine/runtime/stream-record";
import type { Db } from "@/lib/server/db/prisma";
import type { DeploymentRow, DeploymentRuntime, EngineLog, RunBase, StopOutcome } from "./deployment-runtime";

/** How often a heartbeat is written when nothing changed; well inside the lease and the web app's 5 s staleness check. */
const heartbeatEveryMs = 2_000;

export type ReconcilerOptions = {
  db: Db;
  log: EngineLog;
  /** Where telemetry goes (the telemetry topic); without it none is published. */
  publish?: (messages: OutgoingMessage[]) => Promise<void>;
};

type Tracked<Run> = { run: Run; reported?: { status: string; error: string | null } };

/**
 * The engine's control loop, the same for every runtime. The database says
 * what should run (the latest deployment per pipeline whose desired state is
 * `running`); this loop claims such deployments with a lease, has its
 * runtime run them, and reports their status with a heartbeat. A deployment
 * whose lease lapses (its engine died) can be claimed by another engine
 * process; one that loses its lease is dropped here (Kafka's transactional
 * id fencing stops any output of an old embedded run). Every write of the
 * row's state goes through engine/deployments/deployment-state.ts.
 */
export class Reconciler<Run extends RunBase> {
  readonly ownerId: string;
  private readonly runs = new Map<string, Tracked<Run>>();
  private busy = false;
  private lastTelemetry = 0;
  private lastHeartbeat = 0;
  private publishing: Promise<void> | null = null;

  constructor(
    private readonly runtime: DeploymentRuntime<Run>,
    private readonly options: ReconcilerOptions,
  ) {
    this.ownerId = `${hostname()}:${process.pid}:${runtime.ownerTag}${randomUUID().slice(0, 8)}`;
  }

  /** The deployments this loop runs now. */
  runningDeploymentIds(): string[] {
    return [...this.runs.keys()];
  }

  /** One pass: stop what should not run, start what should, report on what runs. */
  async tick(): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    try {
      await this.reconcile();
      await this.runtime.refresh([...this.runs.values()].map((tracked) => tracked.run));
      await this.heartbeat();
      // Not awaited: reading lag from a broker that is away (or metrics from a busy JobManager) can take
      // the client's whole retry budget, and the heartbeat must go on meanwhile (else the deployment reads as "unresponsive").
      if (this.options.publish && !this.publishing && Date.now() - this.lastTelemetry >= 950) {
        this.lastTelemetry = Date.now();
        this.publishing = this.publishTelemetry(this.options.publish)
          .catch((error) => this.options.log(`${this.runtime.logPrefix}telemetry failed: ${error instanceof Error ? error.message : error}`, { level: "debug" }))
          .finally(() => (this.publishing = null));
      }
    } finally {
      this.busy = false;
    }
  }

  /**
   * Lets every deployment go. Runs of this process are stopped (keeping
   * offsets and state for whoever runs them next); runs that outlive it (Flink
   * jobs) keep going and are adopted by the next engine.
   */
  async shutdown(): Promise<void> {
    for (const { run } of [...this.runs.values()]) {
      if (this.runtime.outlivesEngine) {
        this.runs.delete(run.deploymentId);
        await this.options.db.deployment.updateMany({ where: { id: run.deploymentId, ownerId: this.ownerId }, data: letGo() });
      } else {
        await this.stopRun(run, "The engine shut down; the deployment resumes when an engine starts again");
      }
    }
  }

  private async reconcile(): Promise<void> {
    const { db } = this.options;
    const wanted = await db.deployment.findMany({ where: { desiredState: "running", runtime: this.runtime.kind }, orderBy: { createdAt: "desc" } });
    const latestPerPipeline = new Map<string, DeploymentRow>();
    for (const deployment of wanted) if (!latestPerPipeline.has(deployment.pipelineId)) latestPerPipeline.set(deployment.pipelineId, deployment);
    const wantedIds = new Set([...latestPerPipeline.values()].map((d) => d.id));

    // Stop first, so a new version never overlaps the old one (its transactional id, its topics).
    for (const { run } of [...this.runs.values()]) {
      if (!wantedIds.has(run.deploymentId)) await this.stopRun(run, null);
    }
    await this.stopOrphans();

    const now = new Date();
    for (const deployment of latestPerPipeline.values()) {
      if (this.runs.has(deployment.id)) continue;
      // Another version's run of the pipeline must be gone first (a stop that failed leaves it here).
      if ([...this.runs.values()].some(({ run }) => run.pipelineId === deployment.pipelineId)) continue;
      const claimed = await db.deployment.updateMany({
        where: { id: deployment.id, ...claimableBy(this.ownerId, now) },
        data: { ...claim(this.ownerId, now, this.runtime.leaseMs), ...starting(now, this.runtime.resumes(deployment)) },
      });
      if (claimed.count !== 1) continue;
      const started = await this.keepingLeases([deployment.id], () =>
        this.runtime.start(deployment, async (fields) => {
          await db.deployment.update({ where: { id: deployment.id }, data: fields });
        }),
      );
      if (started.ok) this.runs.set(deployment.id, { run: started.run });
      else await db.deployment.update({ where: { id: deployment.id }, data: fail(started.error, new Date()) });
    }
  }

  /**
   * Stops a run. While this process holds the deployment it is marked
   * stopping, stopped by the runtime, and released; if another process took
   * it over meanwhile, the run is only dropped here and its row left alone.
   */
  private async stopRun(run: Run, error: string | null): Promise<void> {
    const { db } = this.options;
    this.runs.delete(run.deploymentId);
    const held = await db.deployment.updateMany({ where: { id: run.deploymentId, ownerId: this.ownerId }, data: stopping(new Date()) });
    if (held.count === 0) {
      await this.runtime.abandon(run);
      return;
    }
    const stopped = await this.keepingLeases([run.deploymentId], () => this.runtime.stop(run));
    await this.finishStop({ id: run.deploymentId, ownerId: this.ownerId }, { ...stopped, error: stopped.error ?? error });
  }

  /**
   * Runs a step that can take long (a Flink submit waits for the job graph; a stop with a savepoint,
   * for the savepoint) while renewing the leases of every deployment this process holds, plus `alsoHeld`
   * (the one being started or stopped). The tick that runs the step cannot heartbeat meanwhile; without
   * this, the other deployments would read as unresponsive after 5 s and could be claimed by another
   * engine once their lease lapsed.
   */
  private async keepingLeases<T>(alsoHeld: string[], step: () => Promise<T>): Promise<T> {
    const renew = async () => {
      const ids = [...new Set([...this.runs.keys(), ...alsoHeld])];
      const now = new Date();
      await this.options.db.deployment.updateMany({
        where: { id: { in: ids }, ownerId: this.ownerId, leaseUntil: { not: null } },
        data: renewLease(now, this.runtime.leaseMs),
      });
    };
    const timer = setInterval(() => void renew().catch(() => undefined), heartbeatEveryMs);
    try {
      return await step();
    } finally {
      clearInterval(timer);
    }
  }

  /** Deployments stopped while no engine held them whose run may still go on (a Flink job whose engine died). */
  private async stopOrphans(): Promise<void> {
    const orphans = this.runtime.orphans;
    if (!orphans) return;
    const { db } = this.options;
    const rows = await db.deployment.findMany({
      where: { runtime: this.runtime.kind, desiredState: "stopped", status: { in: ["starting", "running", "degraded", "stopping"] }, ...orphans.where },
    });
    const now = new Date();
    for (const row of rows) {
      if (this.runs.has(row.id)) continue;
      if (row.ownerId && row.ownerId !== this.ownerId && row.leaseUntil && row.leaseUntil > now) continue;
      await db.deployment.update({ where: { id: row.id }, data: stopping(new Date()) });
      await this.finishStop({ id: row.id }, await orphans.stop(row));
    }
  }

  private async finishStop(where: { id: string; ownerId?: string }, stopped: StopOutcome): Promise<void> {
    await this.options.db.deployment.updateMany({ where, data: { ...release(stopped.error, new Date()), ...stopped.record } });
  }

  /**
   * Heart-beats every run in ONE write transaction per tick (not one per
   * deployment), and only every `heartbeatEveryMs` unless a status changed:
   * with 25 deployments the engine would otherwise hold the SQLite write lock
   * 50 times a second and starve the people using the app.
   */
  private async heartbeat(): Promise<void> {
    const tracked = [...this.runs.values()];
    if (tracked.length === 0) return;
    const changed = tracked.some(({ run, reported }) => run.status !== reported?.status || run.error !== reported?.error);
    if (!changed && Date.now() - this.lastHeartbeat < heartbeatEveryMs) return;
    this.lastHeartbeat = Date.now();
    const now = new Date();
    const { db } = this.options;
    const updates = await db.$transaction(
      tracked.map(({ run }) =>
        db.deployment.updateMany({
          where: { id: run.deploymentId, ownerId: this.ownerId },
          data: { ...heartbeat(run.status, run.error, now, this.runtime.leaseMs, run.ended === true), stats: this.runtime.stats(run) },
        }),
      ),
    );
    for (const [index, entry] of tracked.entries()) {
      const { run } = entry;
      entry.reported = { status: run.status, error: run.error };
      if (this.runs.get(run.deploymentId) !== entry) continue;
      if (updates[index]!.count === 0) {
        // Someone else holds the deployment now; stop what this process runs for it without touching its row.
        this.runs.delete(run.deploymentId);
        this.options.log(`deployment ${run.deploymentId}: lease lost, stopping`, { deployment: run.deploymentId, pipeline: run.pipelineId, level: "warn" });
        await this.runtime.abandon(run);
      } else if (run.ended) {
        // The heartbeat let the deployment go: nothing runs any more.
        this.runs.delete(run.deploymentId);
      }
    }
  }

  private async publishTelemetry(publish: (messages: OutgoingMessage[]) => Promise<void>): Promise<void> {
    const messages = await this.runtime.telemetry([...this.runs.values()].map((tracked) => tracked.run));
    if (messages.length > 0) {
      await publish(messages).catch((error) => this.options.log(`${this.runtime.logPrefix}telemetry not published: ${error instanceof Error ? error.message : error}`, { level: "debug" }));
    }
  }
}
