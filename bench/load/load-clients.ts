// The API load test's clients (issue 14): C concurrent clients, each doing what
// a person in the editor does, against any transport (the route handlers in
// process for `npm test`, HTTP against `next start` for `npm run bench:load`).
// Bounded in count: every client runs a fixed number of rounds, then stops.
import type { PipelineDocument } from "../../engine/graph";

/** One API answer as the clients see it. */
export type Answer = { status: number; body: any; headers: Headers };

/** Sends one request to the API: method, path (`/api/...`) and an optional JSON body. */
export type Transport = (method: string, path: string, body?: unknown) => Promise<Answer>;

export type LoadOptions = {
  transport: Transport;
  clients: number;
  /** Rounds per client: create, read, save with baseVersion, list, (deploy, status, stop), delete every other one. */
  rounds: number;
  /** The graph each pipeline gets; its topics should belong to the run. */
  graph: PipelineDocument;
  /** Names start with this, so two runs on one database never collide. */
  prefix: string;
  /** Deploy and stop in every how-many-th round (0: never). */
  deployEvery: number;
  /** 503 `busy` answers are retried after their Retry-After, as the browser client does, this many times. */
  busyRetries?: number;
};

export type LoadResult = {
  requests: number;
  durationMs: number;
  /** Answers by status, first tries and retries alike. */
  statuses: Record<number, number>;
  /** Unexpected answers (5xx, or a status the step does not allow), with what was asked. */
  failures: string[];
  /** Milliseconds per request, in the order they finished. */
  latencies: number[];
  /** Pipelines whose create (and save) was acknowledged and that were not deleted: id → last acknowledged version. */
  kept: Map<string, number>;
  /** Pipelines whose delete was acknowledged. */
  deleted: Set<string>;
};

/** Runs the clients to the end and returns what they saw. */
export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const result: LoadResult = { requests: 0, durationMs: 0, statuses: {}, failures: [], latencies: [], kept: new Map(), deleted: new Set() };
  const started = Date.now();

  const call = async (method: string, path: string, body: unknown, expected: number[]): Promise<Answer | null> => {
    for (let attempt = 0; ; attempt += 1) {
      const begin = performance.now();
      let answer: Answer;
      try {
        answer = await options.transport(method, path, body);
      } catch (error) {
        result.requests += 1;
        result.failures.push(`${method} ${path}: no answer (${error instanceof Error ? error.message : error})`);
        return null;
      }
      result.latencies.push(performance.now() - begin);
      result.requests += 1;
      result.statuses[answer.status] = (result.statuses[answer.status] ?? 0) + 1;
      if (answer.status === 503 && attempt < (options.busyRetries ?? 3)) {
        result.failures.push(`${method} ${path}: 503 ${answer.body?.error?.code ?? ""} (retried)`);
        await new Promise((resolve) => setTimeout(resolve, Number(answer.headers.get("retry-after") ?? 1) * 1000));
        continue;
      }
      if (!expected.includes(answer.status)) {
        result.failures.push(`${method} ${path}: ${answer.status} ${JSON.stringify(answer.body)?.slice(0, 300)}`);
        return null;
      }
      return answer;
    }
  };

  const client = async (index: number) => {
    for (let round = 0; round < options.rounds; round += 1) {
      const name = `${options.prefix}-${index}-${round}`;
      const created = await call("POST", "/api/pipelines", { name, graph: options.graph }, [201]);
      if (!created) continue;
      const id = created.body.pipeline.id as string;
      result.kept.set(id, 1);
      await call("GET", `/api/pipelines/${id}`, undefined, [200]);
      const saved = await call("PUT", `/api/pipelines/${id}`, { graph: options.graph, baseVersion: 1, message: `round ${round}` }, [200]);
      if (saved) result.kept.set(id, saved.body.pipeline.version as number);
      await call("GET", "/api/pipelines", undefined, [200]);
      if (options.deployEvery > 0 && round % options.deployEvery === 0) {
        await call("POST", `/api/pipelines/${id}/deploy`, {}, [202]);
        await call("GET", `/api/pipelines/${id}/status`, undefined, [200]);
        await call("POST", `/api/pipelines/${id}/stop`, undefined, [202]);
      }
      if ((index + round) % 2 === 1) {
        const removed = await call("DELETE", `/api/pipelines/${id}`, undefined, [204]);
        if (removed) {
          result.kept.delete(id);
          result.deleted.add(id);
        }
      }
    }
  };

  await Promise.all(Array.from({ length: options.clients }, (_, index) => client(index)));
  result.durationMs = Date.now() - started;
  return result;
}

/**
 * Reads back everything the clients were told had happened: each kept pipeline
 * at its acknowledged version, each deleted one gone. Returns what is missing
 * or wrong (empty when nothing acknowledged was lost).
 */
export async function findLostWrites(transport: Transport, result: LoadResult): Promise<string[]> {
  const lost: string[] = [];
  for (const [id, version] of result.kept) {
    const answer = await transport("GET", `/api/pipelines/${id}`);
    if (answer.status !== 200) lost.push(`pipeline ${id}: acknowledged, now ${answer.status}`);
    else if (answer.body.pipeline.version !== version) lost.push(`pipeline ${id}: version ${version} acknowledged, now ${answer.body.pipeline.version}`);
  }
  for (const id of result.deleted) {
    const answer = await transport("GET", `/api/pipelines/${id}`);
    if (answer.status !== 404) lost.push(`pipeline ${id}: deletion acknowledged, now ${answer.status}`);
  }
  return lost;
}

/** The p-th percentile (0–100) of some numbers. */
export function percentileOf(values: number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

/** How many answers were 5xx. */
export function serverErrors(result: LoadResult): number {
  return Object.entries(result.statuses).reduce((sum, [status, count]) => sum + (Number(status) >= 500 ? count : 0), 0);
}
