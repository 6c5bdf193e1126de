import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { wordCountTemplate } from "@/engine/graph";
import { createKafkajsClient } from "@/engine/kafka/kafkajs-stream-client";
import type { StreamClient } from "@/engine/kafka/stream-client";
import type { OutgoingMessage } from "@/engine/runtime/stream-record";
import { createTopics, expectedWordCounts, produce, readCommitted, testBrokers, uniqueName } from "@/engine/runners/kafka-test-kit";
import type { MetricsMessage, SamplesMessage } from "@/engine/telemetry/telemetry-messages";
import * as deployRoute from "@/app/api/pipelines/[id]/deploy/route";
import * as statusRoute from "@/app/api/pipelines/[id]/status/route";
import * as stopRoute from "@/app/api/pipelines/[id]/stop/route";
import { bearer, createTestAccount } from "@/lib/server/auth/test-accounts";
import { createTestDatabase, type TestDatabase } from "@/lib/server/db/test-database";
import { getDb } from "@/lib/server/db/prisma";
import { createPipeline } from "@/lib/server/pipelines/create-pipeline";
import { flinkClusterFromEnv } from "./flink-cluster";
import { compilePipelineToFlinkSql } from "@/engine/runners/flink/compile-pipeline";
import { submitPlan } from "@/engine/runners/flink/submit-plan";
import { deploymentStatusOf, flinkReconciler, FlinkRuntime, jobNameOf, type FlinkRun } from "./flink-runtime";
import type { Reconciler } from "./reconciler";

/**
 * Deployments with runtime "flink" through the API, with the Flink control
 * loop running against the same database, the real broker and the
 * script-started Flink cluster: submit, status, telemetry per canvas node,
 * stop with a savepoint, and a redeploy that resumes from it (the counts go on
 * from where they were, so the job's state came back from the savepoint).
 */

const params = (id: string) => ({ params: Promise.resolve({ id }) });
/** An editor's API token: deploy, stop and status need one (see docs/security.md). */
let auth: Record<string, string> = {};
const post = (body?: unknown) =>
  new Request("http://localhost/x", body === undefined ? { method: "POST", headers: auth } : { method: "POST", headers: { ...auth, "content-type": "application/json" }, body: JSON.stringify(body) });

type StatusBody = { deployment: { id: string; status: string; runtime: string; error: string | null; flink: { jobId: string | null; savepointPath: string | null } | null } | null };

async function status(id: string): Promise<StatusBody> {
  const response = await statusRoute.GET(new Request("http://localhost/x", { headers: auth }), params(id));
  return (await response.json()) as StatusBody;
}

async function waitFor<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 90_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = await read();
  while (!done(value) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 300));
    value = await read();
  }
  return value;
}

function latestCounts(values: (string | null)[]): Record<string, number> {
  const latest: Record<string, number> = {};
  for (const value of values) if (value) latest[(JSON.parse(value) as { word: string }).word] = (JSON.parse(value) as { count: number }).count;
  return latest;
}

describe("job states", () => {
  it("map onto deployment statuses", () => {
    expect(deploymentStatusOf("CREATED")).toBe("starting");
    expect(deploymentStatusOf("RUNNING")).toBe("running");
    expect(deploymentStatusOf("RESTARTING")).toBe("degraded");
    expect(deploymentStatusOf("FAILED")).toBe("failed");
    expect(deploymentStatusOf("CANCELED")).toBe("stopped");
    expect(deploymentStatusOf("FINISHED")).toBe("stopped");
  });
});

describe("Flink deployments through the API and the Flink loop", () => {
  let database: TestDatabase;
  let client: StreamClient;
  let reconciler: Reconciler<FlinkRun>;
  let timer: NodeJS.Timeout;
  const published: OutgoingMessage[] = [];

  beforeAll(async () => {
    if (!process.env.KAFKA_BROKERS) {
      const { startBroker } = (await import("../scripts/kafka.mjs" as string)) as { startBroker: () => Promise<unknown> };
      await startBroker();
    }
    database = await createTestDatabase("sqlite");
    auth = bearer(await createTestAccount("editor"));
    client = createKafkajsClient({ brokers: testBrokers });
    const cluster = await flinkClusterFromEnv(() => undefined);
    reconciler = flinkReconciler({ db: await getDb(), client, cluster, log: () => undefined, publish: async (messages) => void published.push(...messages) });
    timer = setInterval(() => void reconciler.tick().catch(() => undefined), 300);
  }, 240_000);

  afterAll(async () => {
    clearInterval(timer);
    // A failed assertion leaves its job running in the shared cluster: cancel what this test started.
    const rows = (await (await getDb()).deployment.findMany({ where: { flinkJobId: { not: null } } }).catch(() => [])) as { flinkJobId: string | null }[];
    const { FlinkRestClient } = await import("@/engine/runners/flink/flink-rest-client");
    const rest = new FlinkRestClient((await flinkClusterFromEnv(() => undefined)).restUrl);
    await Promise.all(rows.map((row) => rest.job(row.flinkJobId!).then((job) => (job && job.state === "RUNNING" ? rest.cancel(row.flinkJobId!) : undefined)).catch(() => undefined)));
    await client?.close();
    await database?.drop();
  });

  it("refuses a graph Flink cannot run with 422 and the node at fault", async () => {
    const graph = {
      version: 1,
      nodes: [
        { id: "in", type: "kafka-source", position: { x: 0, y: 0 }, data: { topic: "in", format: "json", startFrom: "earliest" } },
        { id: "f", type: "filter", position: { x: 200, y: 0 }, data: { condition: "x > 1" } },
        { id: "out", type: "kafka-sink", position: { x: 400, y: 0 }, data: { topic: "out", format: "json" } },
      ],
      edges: [
        { id: "e1", source: "in", target: "f" },
        { id: "e2", source: "f", target: "out" },
      ],
    };
    const pipeline = await createPipeline({ name: uniqueName("Open sink"), graph });
    const response = await deployRoute.POST(post({ runtime: "flink" }), params(pipeline.id));
    expect(response.status).toBe(422);
    const body = (await response.json()) as { error: { message: string; details: { nodeId: string }[] } };
    expect(body.error.message).toContain("cannot run on Flink");
    expect(body.error.details.map((p) => p.nodeId)).toEqual(["out"]);
    // The embedded engine runs it: the refusal is specific to Flink.
    expect((await deployRoute.POST(post({ runtime: "embedded" }), params(pipeline.id))).status).toBe(202);
  });

  it("deploys the word count on Flink, reports it running with per-node metrics, stops it with a savepoint and resumes from it", { timeout: 300_000 }, async () => {
    const input = uniqueName("flink-wc-in");
    const output = uniqueName("flink-wc-out");
    await createTopics([input, output], 1);
    const pipeline = await createPipeline({ name: uniqueName("Word count on Flink"), graph: wordCountTemplate({ input, output }) });
    const first = ["to be or not to be", "that is the question"];
    await produce(input, first.map((value) => ({ value, partition: 0 })));

    const deployed = await deployRoute.POST(post({ runtime: "flink" }), params(pipeline.id));
    expect(deployed.status).toBe(202);
    expect((await deployed.json()).deployment).toMatchObject({ runtime: "flink", status: "starting" });

    const running = await waitFor(() => status(pipeline.id), (s) => s.deployment?.status === "running");
    expect(running.deployment).toMatchObject({ status: "running", runtime: "flink", error: null });
    expect(running.deployment!.flink!.jobId).toMatch(/^[0-9a-f]{32}$/);

    const counts = await readCommitted(output, (m) => JSON.stringify(latestCounts(m.map((x) => x.value))) === JSON.stringify(expectedWordCounts(first)), 90_000);
    expect(latestCounts(counts.map((m) => m.value))).toEqual(expectedWordCounts(first));

    // Telemetry under the canvas node ids, with Flink's record counts.
    const metrics = await waitFor(
      async () => published.map((m) => JSON.parse(m.value as string) as MetricsMessage).filter((m) => m.deploymentId === running.deployment!.id && (m.nodes.lines?.recordsOut ?? 0) >= 2 && (m.nodes.counts?.recordsIn ?? 0) > 0).at(-1),
      (m) => m !== undefined,
      30_000,
    );
    expect(metrics, `metrics published: ${published.slice(-2).map((m) => m.value).join("\n")}`).toBeDefined();
    expect(Object.keys(metrics!.nodes).sort()).toEqual(["count", "counts", "lines", "non-empty", "words"]);
    expect(metrics!.nodes.lines!.recordsOut).toBe(2);
    expect(metrics!.nodes.words!.recordsOut).toBe(10);
    expect(metrics!.nodes.counts!.recordsIn).toBeGreaterThan(0);
    expect(metrics!.status).toBe("running");

    // Record samples per node and end-to-end latency. A second's samples are written once the watermark passes
    // its end, so lines keep arriving for a while (a line every 300 ms, each word new to the counts above).
    const ticks: string[] = [];
    let ticking = true;
    const ticker = (async () => {
      for (let i = 0; ticking; i++) {
        const line = `sampled tick${i}`;
        await produce(input, [{ value: line, partition: 0 }]);
        ticks.push(line);
        await new Promise((r) => setTimeout(r, 300));
      }
    })();
    const deploymentId = running.deployment!.id;
    const samplesOf = () => published.map((m) => JSON.parse(m.value as string) as SamplesMessage | MetricsMessage).filter((m): m is SamplesMessage => m.kind === "samples" && m.deploymentId === deploymentId);
    const sampled = await waitFor(
      async () => samplesOf().at(-1),
      (m) => m !== undefined && ["lines", "words", "non-empty"].every((id) => (m.nodes[id]?.out.length ?? 0) > 0) && (m.nodes.counts?.out.length ?? 0) > 0,
      60_000,
    );
    const latency = await waitFor(
      async () => published.map((m) => JSON.parse(m.value as string) as MetricsMessage).filter((m) => m.kind === "metrics" && m.deploymentId === deploymentId && m.endToEndP50Ms !== null).at(-1),
      (m) => m !== undefined,
      60_000,
    );
    ticking = false;
    await ticker;
    expect(sampled, `samples published: ${JSON.stringify(samplesOf().at(-1))}`).toBeDefined();
    const nodes = sampled!.nodes;
    expect(nodes.lines!.out[0]!.fields).toEqual({ text: expect.any(String) });
    expect(nodes.words!.out[0]!.fields).toMatchObject({ word: expect.any(String) });
    expect(nodes.words!.in[0]!.fields).toEqual({ text: expect.any(String) });
    expect(nodes.count!.in.length).toBeGreaterThan(0);
    expect(nodes.counts!.out[0]!.fields).toMatchObject({ word: expect.any(String), count: expect.any(Number) });
    // Bounded: at most two samples per node and second of records, however many records that second held.
    const perSecond = new Map<number, number>();
    for (const sample of nodes.words!.out) perSecond.set(Math.floor(sample.timestamp / 1000), (perSecond.get(Math.floor(sample.timestamp / 1000)) ?? 0) + 1);
    expect(Math.max(...perSecond.values())).toBeLessThanOrEqual(2);
    // Exactly-once: a record is visible when the checkpoint after it completes, so the latency includes that wait.
    expect(latency, "a metrics message with end-to-end latency").toBeDefined();
    expect(latency!.endToEndP50Ms).toBeGreaterThan(0);
    expect(latency!.endToEndP99Ms).toBeGreaterThanOrEqual(latency!.endToEndP50Ms!);

    const stopped = await stopRoute.POST(post(), params(pipeline.id));
    expect(stopped.status).toBe(202);
    const afterStop = await waitFor(() => status(pipeline.id), (s) => s.deployment?.status === "stopped");
    expect(afterStop.deployment!.status).toBe("stopped");
    expect(afterStop.deployment!.flink!.savepointPath).toMatch(/savepoint-/);

    // Redeploy: the new job resumes from the savepoint, so its counts continue instead of starting over.
    const second = ["to be is to do"];
    await produce(input, second.map((value) => ({ value, partition: 0 })));
    expect((await deployRoute.POST(post({ runtime: "flink" }), params(pipeline.id))).status).toBe(202);
    const again = await waitFor(() => status(pipeline.id), (s) => s.deployment?.status === "running" && s.deployment.id !== running.deployment!.id);
    expect(again.deployment!.status).toBe("running");
    const expected = expectedWordCounts([...first, ...ticks, ...second]);
    const resumed = await readCommitted(output, (m) => latestCounts(m.map((x) => x.value)).to === expected.to && latestCounts(m.map((x) => x.value)).do === expected.do && latestCounts(m.map((x) => x.value)).sampled === expected.sampled, 90_000);
    expect(latestCounts(resumed.map((m) => m.value))).toEqual(expected);

    expect((await stopRoute.POST(post(), params(pipeline.id))).status).toBe(202);
    await waitFor(() => status(pipeline.id), (s) => s.deployment?.status === "stopped");
  });

  it("adopts a job of the deployment that an earlier submission started but did not record, instead of starting a second", { timeout: 180_000 }, async () => {
    const input = uniqueName("flink-adopt-in");
    const output = uniqueName("flink-adopt-out");
    await createTopics([input, output], 1);
    const pipeline = await createPipeline({ name: uniqueName("Word count adopted"), graph: wordCountTemplate({ input, output }) });
    const db = await getDb();
    // Stopped, so the Flink loop of this file leaves it alone; the runtime is driven directly below.
    const row = await db.deployment.create({ data: { id: uniqueName("adopt"), pipelineId: pipeline.id, version: pipeline.version, runtime: "flink", desiredState: "stopped", status: "stopped", deadLetterTopic: `${output}.dlq`, parallelism: 1 } });
    const cluster = await flinkClusterFromEnv(() => undefined);
    // What a submission that timed out on our side leaves: the job runs, and the row does not name it.
    const compiled = compilePipelineToFlinkSql(wordCountTemplate({ input, output }), { bootstrapServers: cluster.kafkaBrokers, groupId: `streamline.${pipeline.id}.g0.flink`, jobName: jobNameOf(row), parallelism: 1 });
    if (!compiled.ok) throw new Error(JSON.stringify(compiled.problems));
    const { jobId } = await submitPlan(cluster.gatewayUrl, compiled.plan, "adopt-test");
    const { FlinkRestClient } = await import("@/engine/runners/flink/flink-rest-client");
    const rest = new FlinkRestClient(cluster.restUrl);
    try {
      const recorded: Record<string, unknown>[] = [];
      const runtime = new FlinkRuntime({ db, client, cluster, log: () => undefined, samples: false });
      const outcome = await runtime.start(row, async (fields) => void recorded.push(fields));
      expect(outcome.ok && outcome.run.jobId).toBe(jobId);
      expect(recorded).toEqual([{ flinkJobId: jobId }]);
      const live = (await rest.jobs()).filter((job) => job.name === jobNameOf(row) && !["FAILED", "CANCELED", "FINISHED"].includes(job.state));
      expect(live.map((job) => job.jid)).toEqual([jobId]);
    } finally {
      await rest.cancel(jobId).catch(() => undefined);
    }
  });

  it("submits a deployment whose job was cancelled again from that job's retained checkpoint, not from an older savepoint", { timeout: 300_000 }, async () => {
    const input = uniqueName("flink-cp-in");
    const output = uniqueName("flink-cp-out");
    await createTopics([input, output], 1);
    const pipeline = await createPipeline({ name: uniqueName("Word count without savepoint"), graph: wordCountTemplate({ input, output }) });
    const { FlinkRestClient } = await import("@/engine/runners/flink/flink-rest-client");
    const rest = new FlinkRestClient((await flinkClusterFromEnv(() => undefined)).restUrl);
    const sent: string[] = [];
    const send = async (lines: string[]) => {
      await produce(input, lines.map((value) => ({ value, partition: 0 })));
      sent.push(...lines);
    };
    const countsReach = async (lines: string[]) => {
      const expected = expectedWordCounts(lines);
      const read = await readCommitted(output, (m) => Object.entries(expected).every(([word, n]) => latestCounts(m.map((x) => x.value))[word] === n), 90_000);
      expect(latestCounts(read.map((m) => m.value))).toEqual(expected);
      return read;
    };
    const deployAndRun = async (notId?: string) => {
      expect((await deployRoute.POST(post({ runtime: "flink", checkpointIntervalMs: 1000 }), params(pipeline.id))).status).toBe(202);
      return (await waitFor(() => status(pipeline.id), (s) => s.deployment?.status === "running" && s.deployment.id !== notId)).deployment!;
    };

    // A first job stopped with a savepoint (an older restore point that must not be used below).
    await send(["one two", "two"]);
    const first = await deployAndRun();
    await countsReach(sent);
    expect((await stopRoute.POST(post(), params(pipeline.id))).status).toBe(202);
    expect((await waitFor(() => status(pipeline.id), (s) => s.deployment?.status === "stopped")).deployment!.flink!.savepointPath).toMatch(/savepoint-/);

    // A second job, from that savepoint, counts on; then it is cancelled (as a stop does when the job cannot
    // take a savepoint, or as someone might in Flink's UI) after a checkpoint covered its new records.
    await send(["two three"]);
    const second = await deployAndRun(first.id);
    await countsReach(sent);
    const jobId = second.flink!.jobId!;
    await waitFor(() => rest.checkpoints(jobId), (c) => (c?.latest.completed?.latest_ack_timestamp ?? 0) > Date.now() - 60_000 && c!.counts.completed >= 2, 60_000);
    await rest.cancel(jobId);
    const threes = (read: { value: string | null }[]) => read.map((m) => (m.value ? (JSON.parse(m.value) as { word: string; count: number }) : null)).filter((v) => v?.word === "three").map((v) => v!.count);

    // The deployment should still run, so the Flink loop submits it again: from the cancelled job's retained
    // checkpoint, not from the first job's savepoint (which replayed "two three": 1, 1, 2, 3).
    const resubmitted = await waitFor(() => status(pipeline.id), (s) => s.deployment?.id === second.id && s.deployment.status === "running" && s.deployment.flink?.jobId !== jobId, 120_000);
    expect(resubmitted.deployment!.flink!.jobId).not.toBe(jobId);
    await send(["three three"]);
    expect(threes(await countsReach(sent))).toEqual([1, 2, 3]);

    // Stopped with a savepoint and deployed again: one more, still each count once.
    expect((await stopRoute.POST(post(), params(pipeline.id))).status).toBe(202);
    await waitFor(() => status(pipeline.id), (s) => s.deployment?.status === "stopped");
    await send(["three"]);
    await deployAndRun(second.id);
    expect(threes(await countsReach(sent))).toEqual([1, 2, 3, 4]);

    expect((await stopRoute.POST(post(), params(pipeline.id))).status).toBe(202);
    await waitFor(() => status(pipeline.id), (s) => s.deployment?.status === "stopped");
  });
});
