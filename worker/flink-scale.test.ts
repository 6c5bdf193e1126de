import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { requireValidPipeline, wordCountTemplate } from "@/engine/graph";
import { createKafkajsClient } from "@/engine/kafka/kafkajs-stream-client";
import type { StreamClient } from "@/engine/kafka/stream-client";
import { createTopics, expectedWordCounts, produce, readCommitted, testBrokers, uniqueName, type ReadMessage } from "@/engine/runners/kafka-test-kit";
import { FlinkRestClient } from "@/engine/runners/flink/flink-rest-client";
import * as checkpointsRoute from "@/app/api/pipelines/[id]/checkpoints/route";
import * as deployRoute from "@/app/api/pipelines/[id]/deploy/route";
import * as rescaleRoute from "@/app/api/pipelines/[id]/rescale/route";
import * as statusRoute from "@/app/api/pipelines/[id]/status/route";
import * as stopRoute from "@/app/api/pipelines/[id]/stop/route";
import { bearer, createTestAccount } from "@/lib/server/auth/test-accounts";
import { createTestDatabase, type TestDatabase } from "@/lib/server/db/test-database";
import { getDb } from "@/lib/server/db/prisma";
import { resolveFlinkSettings } from "@/lib/server/deployments/resolve-flink-settings";
import { deployPipelineBody } from "@/lib/schemas/deployments";
import { createPipeline } from "@/lib/server/pipelines/create-pipeline";
import { wordLines } from "./engine-process-kit";
import { flinkClusterFromEnv } from "./flink-cluster";
import { flinkReconciler, type FlinkRun } from "./flink-runtime";
import type { Reconciler } from "./reconciler";

/**
 * Flink at scale, end to end on the real broker and the script-started
 * cluster (two TaskManagers): a word count over a 3-partition topic deployed
 * at parallelism 2, rescaled to 1 and back to 2 while records keep arriving,
 * then a TaskManager killed with SIGKILL mid-stream, all in one deployment. Exactly-once means the
 * committed output (read `read_committed`) holds, per word, the counts 1, 2,
 * …, n with n the exact number of occurrences: a record processed twice, or
 * an update written twice, breaks the sequence.
 */

const params = (id: string) => ({ params: Promise.resolve({ id }) });
let auth: Record<string, string> = {};
const post = (body?: unknown) =>
  new Request("http://localhost/x", body === undefined ? { method: "POST", headers: auth } : { method: "POST", headers: { ...auth, "content-type": "application/json" }, body: JSON.stringify(body) });

type Deployment = { id: string; status: string; error: string | null; flink: { jobId: string | null; parallelism: number | null; maxParallelism: number | null } | null };

async function deployment(id: string): Promise<Deployment | null> {
  const response = await statusRoute.GET(new Request("http://localhost/x", { headers: auth }), params(id));
  return ((await response.json()) as { deployment: Deployment | null }).deployment;
}

async function waitFor<T>(what: string, read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 120_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = await read();
  while (!done(value)) {
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs / 1000} s waiting for ${what}; last: ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 300));
    value = await read();
  }
  return value;
}

/** Per word, the counts in the committed output in offset order (each word is one key, so one partition). */
function countSequences(messages: ReadMessage[]): Record<string, number[]> {
  const sequences: Record<string, number[]> = {};
  const ordered = [...messages].sort((a, b) => a.partition - b.partition || Number(BigInt(a.offset) - BigInt(b.offset)));
  for (const message of ordered) {
    if (!message.value) continue;
    const { word, count } = JSON.parse(message.value) as { word: string; count: number };
    (sequences[word] ??= []).push(count);
  }
  return sequences;
}

const latest = (sequences: Record<string, number[]>) => Object.fromEntries(Object.entries(sequences).map(([word, counts]) => [word, counts.at(-1)]));
/** Counts written more than once, with where: a replayed update. */
const duplicatesIn = (counts: number[]) => counts.flatMap((n, i) => (i > 0 && n <= counts[i - 1]! ? [`${counts[i - 1]} then ${n} at #${i}`] : [])).slice(0, 3);
const oneToN = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

/** Produces batches of word lines over the 3 partitions until stopped; resolves to every line sent. */
function keepProducing(topic: string, seed: number): { stop: () => Promise<string[]> } {
  const sent: string[] = [];
  let running = true;
  let batch = 0;
  const loop = (async () => {
    while (running) {
      const lines = wordLines(30, seed + batch++);
      await produce(topic, lines.map((value, i) => ({ value, partition: i % 3 })));
      sent.push(...lines);
      await new Promise((r) => setTimeout(r, 150));
    }
  })();
  return {
    stop: async () => {
      running = false;
      await loop;
      return sent;
    },
  };
}

describe("Flink parallelism, rescale and recovery", () => {
  let database: TestDatabase;
  let client: StreamClient;
  let reconciler: Reconciler<FlinkRun>;
  let rest: FlinkRestClient;
  let timer: NodeJS.Timeout;
  /** The Flink loop's log, shown when an assertion fails. */
  const logged: string[] = [];

  beforeAll(async () => {
    database = await createTestDatabase("sqlite");
    auth = bearer(await createTestAccount("editor"));
    client = createKafkajsClient({ brokers: testBrokers });
    const cluster = await flinkClusterFromEnv(() => undefined);
    await cluster.ensureRunning();
    rest = new FlinkRestClient(cluster.restUrl);
    reconciler = flinkReconciler({ db: await getDb(), client, cluster, log: (line) => void logged.push(`${new Date().toISOString()} ${line}`) });
    timer = setInterval(() => void reconciler.tick().catch(() => undefined), 300);
  }, 240_000);

  afterAll(async () => {
    clearInterval(timer);
    // A failed assertion leaves its job running in the shared cluster: cancel what this file started.
    const rows = (await (await getDb()).deployment.findMany({ where: { flinkJobId: { not: null } } }).catch(() => [])) as { flinkJobId: string | null }[];
    await Promise.all(rows.map((row) => rest.job(row.flinkJobId!).then((job) => (job && !["CANCELED", "FINISHED", "FAILED"].includes(job.state) ? rest.cancel(row.flinkJobId!) : undefined)).catch(() => undefined)));
    await client?.close();
    await database?.drop();
  });

  async function runningAt(pipelineId: string, parallelism: number, notId?: string): Promise<Deployment> {
    const running = await waitFor(`pipeline ${pipelineId} running at parallelism ${parallelism}`, () => deployment(pipelineId), (d) => d?.status === "running" && d.id !== notId && d.flink?.parallelism === parallelism);
    const job = await waitFor("every task running", () => rest.job(running!.flink!.jobId!), (j) => j?.vertices.every((v) => v.status === "RUNNING") === true);
    expect(job!.vertices.map((v) => v.parallelism)).toContain(parallelism);
    expect(Math.max(...job!.vertices.map((v) => v.parallelism))).toBe(parallelism);
    return running!;
  }

  it("refuses a parallelism the cluster cannot fit, naming the numbers", async () => {
    const input = uniqueName("flink-p-in");
    const pipeline = await createPipeline({ name: uniqueName("Too wide"), graph: wordCountTemplate({ input, output: uniqueName("flink-p-out") }) });
    const response = await deployRoute.POST(post({ runtime: "flink", parallelism: 200 }), params(pipeline.id));
    expect(response.status).toBe(422);
    const { error } = (await response.json()) as { error: { message: string } };
    expect(error.message).toMatch(/^Parallelism 200 needs 200 task slots, but the Flink cluster has \d+ free \(\d+ in all\)/);
    expect((await deployRoute.POST(post({ runtime: "embedded", parallelism: 2 }), params(pipeline.id))).status).toBe(422);

    // With no parallelism given, the source topic's partition count, capped by the free slots.
    await createTopics([input], 3);
    const settings = await resolveFlinkSettings(await getDb(), pipeline.id, requireValidPipeline(wordCountTemplate({ input, output: uniqueName("flink-p-out") })), deployPipelineBody.parse({ runtime: "flink" }));
    expect(settings.parallelism).toBe(3);
    expect(settings.maxParallelism).toBe(128);
  });

  it("counts exactly at parallelism 2, rescaled to 1 and back to 2 while records flow, then through a TaskManager SIGKILL", { timeout: 600_000 }, async () => {
    // One deployment carries both faults (the suite's time budget): two stop-with-savepoint rescales, then a
    // TaskManager killed mid-stream. The committed output must still hold 1..n per word, each count once.
    const input = uniqueName("flink-scale-in");
    const output = uniqueName("flink-scale-out");
    await createTopics([input, output], 3);
    const pipeline = await createPipeline({ name: uniqueName("Word count rescaled"), graph: wordCountTemplate({ input, output }) });

    const deployed = await deployRoute.POST(post({ runtime: "flink", parallelism: 2, checkpointIntervalMs: 1000 }), params(pipeline.id));
    expect(deployed.status).toBe(202);
    const first = await runningAt(pipeline.id, 2);
    expect(first.flink!.maxParallelism).toBe(128);

    const producer = keepProducing(input, 1);
    await new Promise((r) => setTimeout(r, 3_000));
    const toOne = await rescaleRoute.POST(post({ parallelism: 1 }), params(pipeline.id));
    expect(toOne.status).toBe(202);
    const atOne = await runningAt(pipeline.id, 1, first.id);
    await new Promise((r) => setTimeout(r, 3_000));
    expect((await rescaleRoute.POST(post({ parallelism: 2 }), params(pipeline.id))).status).toBe(202);
    const atTwo = await runningAt(pipeline.id, 2, atOne.id);

    // The checkpoints endpoint lists the savepoints the two rescales were taken with.
    const checkpoints = (await (await checkpointsRoute.GET(new Request("http://localhost/x", { headers: auth }), params(pipeline.id))).json()) as { deployment: { id: string }; savepoints: { deploymentId: string; parallelism: number }[] };
    expect(checkpoints.deployment.id).toBe(atTwo.id);
    expect(checkpoints.savepoints.map((s) => s.deploymentId), logged.join("\n")).toEqual([atOne.id, first.id]);

    // Wait for completed checkpoints with data behind them, so the failover restores real state.
    const jobId = atTwo.flink!.jobId!;
    await waitFor("two completed checkpoints", () => rest.checkpoints(jobId), (c) => (c?.counts.completed ?? 0) >= 2, 60_000);
    const { flinkStatus, startFlink } = (await import("../scripts/flink.mjs" as string)) as typeof import("../scripts/flink.mjs");
    const pids = (await flinkStatus()).pids;
    const victim = pids["taskmanager-2"] ?? pids.taskmanager;
    expect(victim, `TaskManager pids: ${JSON.stringify(pids)}`).toBeTruthy();
    process.kill(victim!, "SIGKILL");
    await new Promise((r) => setTimeout(r, 4_000));
    const sent = await producer.stop();
    // The script launches the killed TaskManager again; meanwhile the job restarts on the free slots.
    await startFlink({ log: (line) => void logged.push(`${new Date().toISOString()} ${line}`) });
    await waitFor("the job running again after the failover", () => rest.job(jobId), (job) => job?.state === "RUNNING" && job.vertices.every((v) => v.status === "RUNNING"), 180_000);

    const expected = expectedWordCounts(sent);
    const done = (m: ReadMessage[]) => Object.entries(expected).every(([word, n]) => latest(countSequences(m))[word] === n);
    const messages = await readCommitted(output, done, 150_000);
    const sequences = countSequences(messages);
    expect(latest(sequences)).toEqual(expected);
    // On a repeat, say which jobs the cluster ran for this pipeline's deployments (two at once would write every update twice).
    const deploymentIds = new Set((await (await getDb()).deployment.findMany({ where: { pipelineId: pipeline.id } })).map((d) => d.id));
    const jobsRun = (await rest.jobs()).filter((job) => [...deploymentIds].some((id) => job.name === `streamline ${id}`)).map((job) => `${job.jid} ${job.name} ${job.state}`);
    for (const [word, counts] of Object.entries(sequences)) expect(duplicatesIn(counts), `counts of '${word}' repeated; jobs: ${jobsRun.join("; ")}; log:\n${logged.join("\n")}`).toEqual([]);
    for (const [word, counts] of Object.entries(sequences)) expect(counts, `counts of '${word}'`).toEqual(oneToN(expected[word]!));
    expect((await rest.checkpoints(jobId))!.counts.restored).toBeGreaterThanOrEqual(1);

    expect((await stopRoute.POST(post(), params(pipeline.id))).status).toBe(202);
    await waitFor("stopped", () => deployment(pipeline.id), (d) => d?.status === "stopped");
  });
});
