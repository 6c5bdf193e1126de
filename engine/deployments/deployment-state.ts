// The Deployment row's state machine, in one place for the web app (deploy,
// stop, status) and the engine process (claim, heartbeat, release). Pure: it
// says what a transition writes and when it is allowed; the Prisma store in
// lib/ and worker/ does the writing (engine/ never imports prisma).

/** What the user asked for. */
export type DesiredState = "running" | "stopped";

/** What the engine reports; `unresponsive` is only ever derived for display (see `displayStatus`). */
export type ActualStatus = "starting" | "running" | "degraded" | "stopping" | "stopped" | "failed";

/** The fields of a Deployment row the transitions read. */
export type DeploymentState = {
  desiredState: string;
  status: string;
  ownerId: string | null;
  leaseUntil: Date | null;
  heartbeatAt: Date | null;
  createdAt: Date;
};

/** How long an engine holds a deployment without renewing its lease. */
export const embeddedLeaseMs = 10_000;
/** Flink jobs: submissions and savepoints take longer, so the lease is longer. */
export const flinkLeaseMs = 15_000;
/** How long without a heartbeat before a deployment that should run shows as unresponsive. */
export const heartbeatStaleMs = 5_000;

/** Statuses in which an engine is (or should be) working on the deployment. */
export function isLive(status: string): boolean {
  return status === "starting" || status === "running" || status === "degraded" || status === "stopping";
}

/**
 * The condition under which `ownerId` may claim a deployment at `now`: it
 * should run, and nobody holds it (or `ownerId` does, or the holder's lease
 * lapsed because its engine died). As a Prisma `where` fragment, so the claim
 * is one conditional update: two engines can never both win.
 */
export function claimableBy(ownerId: string, now: Date) {
  return { desiredState: "running", OR: [{ ownerId: null }, { ownerId }, { leaseUntil: { lt: now } }] };
}

/** The same rule on a row already read (for tests and views). */
export function canClaim(row: Pick<DeploymentState, "desiredState" | "ownerId" | "leaseUntil">, ownerId: string, now: Date): boolean {
  return row.desiredState === "running" && (row.ownerId === null || row.ownerId === ownerId || (row.leaseUntil !== null && row.leaseUntil < now));
}

/** What a successful claim writes. */
export function claim(ownerId: string, now: Date, leaseMs: number) {
  return { ownerId, leaseUntil: new Date(now.getTime() + leaseMs), heartbeatAt: now };
}

/**
 * What a claimed deployment writes as its run starts; a run that `resumes`
 * (an adopted Flink job) keeps the `startedAt` of when it really started.
 */
export function starting(now: Date, resumes: boolean) {
  return { status: "starting" as const, error: null, startedAt: resumes ? undefined : now };
}

/**
 * What a heartbeat writes: the runtime's status and the lease renewed; when
 * the run `ended` (a Flink job that failed or finished: nothing runs any
 * more), the deployment is let go instead. An embedded runner that reports
 * `failed` has not ended: it holds the deployment until it is stopped.
 */
export function heartbeat(status: ActualStatus, error: string | null, now: Date, leaseMs: number, ended: boolean) {
  return {
    status,
    error,
    heartbeatAt: now,
    leaseUntil: ended ? null : new Date(now.getTime() + leaseMs),
    ...(ended ? { ownerId: null, stoppedAt: now } : {}),
  };
}

/** What renewing a held deployment's lease writes while its status is unchanged (during a slow start or stop). */
export function renewLease(now: Date, leaseMs: number) {
  return { heartbeatAt: now, leaseUntil: new Date(now.getTime() + leaseMs) };
}

/** What the engine writes while it stops a run it holds (or an orphaned Flink job). */
export function stopping(now: Date) {
  return { status: "stopping" as const, heartbeatAt: now };
}

/**
 * What an engine that shuts down writes for a run that goes on without it (a
 * Flink job): no owner, no lease, status as it was; the next engine adopts it.
 */
export function letGo() {
  return { ownerId: null, leaseUntil: null };
}

/** What the engine writes when it has stopped a run and lets the deployment go. */
export function release(error: string | null, now: Date) {
  return { status: "stopped" as const, error, stoppedAt: now, heartbeatAt: now, ownerId: null, leaseUntil: null };
}

/** What the engine writes when a deployment cannot start at all. */
export function fail(error: string, now: Date) {
  return { status: "failed" as const, error, ownerId: null, leaseUntil: null, heartbeatAt: now };
}

/**
 * What a user's stop writes: desired `stopped`; a deployment an engine holds
 * shows `stopping` until that engine has stopped it, one nobody holds is
 * stopped at once.
 */
export function requestStop(row: Pick<DeploymentState, "ownerId">, now: Date) {
  return { desiredState: "stopped" as const, status: row.ownerId ? ("stopping" as const) : ("stopped" as const), stoppedAt: row.ownerId ? undefined : now };
}

/**
 * The status to show: the engine's report, or `unresponsive` when a live
 * deployment has not been heart-beaten for `heartbeatStaleMs` (three times
 * that before any engine first picked it up), with the message to show.
 */
export function displayStatus(row: Pick<DeploymentState, "status" | "heartbeatAt" | "createdAt"> & { error: string | null }, now: number): { status: string; error: string | null } {
  const lastSign = row.heartbeatAt?.getTime() ?? row.createdAt.getTime();
  const unresponsive = isLive(row.status) && now - lastSign > heartbeatStaleMs * (row.heartbeatAt ? 1 : 3);
  if (!unresponsive) return { status: row.status, error: row.error };
  return {
    status: "unresponsive",
    error: row.heartbeatAt
      ? `The engine has not reported since ${row.heartbeatAt.toISOString()}; is it running (npm run engine)?`
      : "No engine has picked up this deployment yet; is the engine running (npm run engine)?",
  };
}
