/**
 * A small client for the JobManager's REST API: job state, per-vertex
 * counters and load, stop-with-savepoint and cancel. Uses the global `fetch`.
 */

export type FlinkJobState =
  | "INITIALIZING"
  | "CREATED"
  | "RUNNING"
  | "FAILING"
  | "FAILED"
  | "CANCELLING"
  | "CANCELED"
  | "FINISHED"
  | "RESTARTING"
  | "SUSPENDED"
  | "RECONCILING";

export type FlinkVertex = {
  id: string;
  name: string;
  parallelism: number;
  status: string;
  metrics: { "read-records"?: number; "write-records"?: number; "read-bytes"?: number; "write-bytes"?: number };
};

export type FlinkJob = { jid: string; name: string; state: FlinkJobState; "start-time": number; vertices: FlinkVertex[] };

/** One checkpoint in the JobManager's statistics. */
export type FlinkCheckpoint = {
  id: number;
  status: string;
  is_savepoint: boolean;
  trigger_timestamp: number;
  latest_ack_timestamp?: number;
  end_to_end_duration?: number;
  state_size?: number;
  checkpointed_size?: number;
  failure_timestamp?: number;
  failure_message?: string | null;
  /** Where a completed checkpoint or savepoint was written (a retained checkpoint can be resumed from). */
  external_path?: string;
};

/** `GET /jobs/:id/checkpoints`: counts, the latest of each kind, and recent history (newest first). */
export type FlinkCheckpointStats = {
  counts: { restored: number; total: number; in_progress: number; completed: number; failed: number };
  latest: { completed: FlinkCheckpoint | null; savepoint: FlinkCheckpoint | null; failed: FlinkCheckpoint | null; restored: { id: number; external_path?: string } | null };
  history: FlinkCheckpoint[];
};

/** Busy and back-pressured time of a vertex, each a 0..1 fraction of wall time (averaged over its subtasks). */
export type VertexLoad = { busyRatio: number; backpressureRatio: number };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class FlinkRestClient {
  constructor(
    private readonly baseUrl: string,
    private readonly timeoutMs = 15_000,
  ) {}

  private async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: body === undefined ? undefined : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    const text = await res.text();
    if (!res.ok) {
      const error = new Error(`Flink REST ${method} ${path}: HTTP ${res.status} ${text.slice(0, 300)}`) as Error & { status: number };
      error.status = res.status;
      throw error;
    }
    return (text ? JSON.parse(text) : {}) as T;
  }

  /** The cluster's TaskManagers and task slots. */
  overview(): Promise<{ taskmanagers: number; "slots-total": number; "slots-available": number }> {
    return this.call("GET", "/overview");
  }

  /** The job's checkpoint statistics (`GET /jobs/:id/checkpoints`), or null when the cluster does not know the job. */
  async checkpoints(jobId: string): Promise<FlinkCheckpointStats | null> {
    try {
      return await this.call<FlinkCheckpointStats>("GET", `/jobs/${jobId}/checkpoints`);
    } catch (error) {
      if ((error as { status?: number }).status === 404) return null;
      throw error;
    }
  }

  /** The job, or null when the cluster does not know it (expired from its history or never existed). */
  async job(jobId: string): Promise<FlinkJob | null> {
    try {
      return await this.call<FlinkJob>("GET", `/jobs/${jobId}`);
    } catch (error) {
      if ((error as { status?: number }).status === 404) return null;
      throw error;
    }
  }

  /** Every job the cluster knows (running ones and its recent history): id, name and state. */
  async jobs(): Promise<{ jid: string; name: string; state: FlinkJobState }[]> {
    return (await this.call<{ jobs: { jid: string; name: string; state: FlinkJobState }[] }>("GET", "/jobs/overview")).jobs;
  }

  /** The root exception of a failed or restarting job, if any. */
  async rootException(jobId: string): Promise<string | null> {
    const body = await this.call<{ "root-exception"?: string | null }>("GET", `/jobs/${jobId}/exceptions?maxExceptions=1`).catch(() => null);
    const text = body?.["root-exception"];
    return text ? text.split("\n")[0]!.slice(0, 500) : null;
  }

  /**
   * Busy and back-pressure ratios of one vertex from its subtask metrics (ms
   * per second, averaged). A vertex that reports no idle time (a Kafka source
   * task counts waiting for records as busy) is reported 0 busy rather than a
   * misleading 100%.
   */
  async vertexLoad(jobId: string, vertexId: string): Promise<VertexLoad> {
    const names = ["busyTimeMsPerSecond", "idleTimeMsPerSecond", "backPressuredTimeMsPerSecond"];
    const available = new Set((await this.call<{ id: string }[]>("GET", `/jobs/${jobId}/vertices/${vertexId}/subtasks/metrics`).catch(() => [])).map((m) => m.id));
    const wanted = names.filter((name) => available.has(name));
    const metrics = wanted.length
      ? await this.call<{ id: string; avg?: number }[]>("GET", `/jobs/${jobId}/vertices/${vertexId}/subtasks/metrics?get=${wanted.join(",")}&agg=avg`).catch(() => [])
      : [];
    const value = (id: string) => {
      const avg = metrics.find((m) => m.id === id)?.avg;
      return typeof avg === "number" && Number.isFinite(avg) ? Math.min(1, Math.max(0, avg / 1000)) : null;
    };
    const idle = value("idleTimeMsPerSecond");
    return { busyRatio: idle === null ? 0 : (value("busyTimeMsPerSecond") ?? 0), backpressureRatio: value("backPressuredTimeMsPerSecond") ?? 0 };
  }

  /** Metrics of a vertex summed over its subtasks (`numRecordsIn`, `Calc[2].numRecordsOut`, …); missing ones are left out. */
  async vertexMetrics(jobId: string, vertexId: string, names: readonly string[]): Promise<Record<string, number>> {
    if (names.length === 0) return {};
    // Asking for a metric the vertex does not have fails the whole request, so ask only for those it lists.
    const available = new Set((await this.call<{ id: string }[]>("GET", `/jobs/${jobId}/vertices/${vertexId}/subtasks/metrics`).catch(() => [])).map((m) => m.id));
    const wanted = names.filter((name) => available.has(name));
    if (wanted.length === 0) return {};
    const query = wanted.map((name) => encodeURIComponent(name)).join(",");
    const metrics = await this.call<{ id: string; sum?: number }[]>("GET", `/jobs/${jobId}/vertices/${vertexId}/subtasks/metrics?get=${query}&agg=sum`).catch(() => []);
    return Object.fromEntries(metrics.filter((m) => typeof m.sum === "number").map((m) => [m.id, m.sum!]));
  }

  /**
   * Stops a job with a savepoint into `targetDirectory` (the cluster's
   * `state.savepoints.dir` when omitted) and waits for it: returns the
   * savepoint's location.
   */
  async stopWithSavepoint(jobId: string, targetDirectory: string | undefined, timeoutMs = 120_000): Promise<string> {
    const { "request-id": requestId } = await this.call<{ "request-id": string }>("POST", `/jobs/${jobId}/stop`, { ...(targetDirectory ? { targetDirectory } : {}), drain: false });
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const status = await this.call<{ status: { id: string }; operation?: { location?: string; "failure-cause"?: { "stack-trace"?: string; class?: string } } }>(
        "GET",
        `/jobs/${jobId}/savepoints/${requestId}`,
      );
      if (status.status.id === "COMPLETED") {
        if (status.operation?.location) return status.operation.location;
        const cause = status.operation?.["failure-cause"]?.["stack-trace"]?.split("\n")[0] ?? "unknown cause";
        throw new Error(`Stop with savepoint failed: ${cause}`);
      }
      await sleep(500);
    }
    throw new Error(`Stop with savepoint did not complete within ${timeoutMs / 1000} s`);
  }

  /** Cancels a job without a savepoint. */
  async cancel(jobId: string): Promise<void> {
    try {
      await this.call("PATCH", `/jobs/${jobId}?mode=cancel`);
    } catch (error) {
      if ((error as { status?: number }).status !== 404) throw error;
    }
  }
}
