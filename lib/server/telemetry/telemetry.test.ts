import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { Kafka, logLevel } from "kafkajs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PipelineDocument } from "@/engine/graph";
import { createTopics, produce, testBrokers, uniqueName } from "@/engine/runners/kafka-test-kit";
import { bearer, createTestAccount } from "@/lib/server/auth/test-accounts";
import { createTestDatabase, type TestDatabase } from "@/lib/server/db/test-database";

/**
 * Monitoring end to end: an engine started as its own process publishes
 * telemetry through Kafka, and this process, acting as the web server, reads
 * it; samples per node; and a preview that must leave Kafka untouched.
 */

const telemetryTopic = uniqueName("telemetry");
process.env.STREAMLINE_TELEMETRY_TOPIC = telemetryTopic;

const params = (id: string) => ({ params: Promise.resolve({ id }) });
// An editor's API token on every request: the API refuses anonymous callers.
let auth: Record<string, string> = {};
const post = (body?: unknown) =>
  new Request("http://localhost/x", body === undefined ? { method: "POST", headers: auth } : { method: "POST", headers: { ...auth, "content-type": "application/json" }, body: JSON.stringify(body) });

function filterPipeline(input: string, output: string): PipelineDocument {
  return {
    version: 1,
    nodes: [
      { id: "orders", type: "kafka-source", position: { x: 0, y: 0 }, data: { topic: input, format: "json", startFrom: "earliest" } },
      { id: "large", type: "filter", position: { x: 200, y: 0 }, data: { condition: "amount > 10" } },
      { id: "shape", type: "map", position: { x: 400, y: 0 }, data: { fields: [{ name: "id", expression: "id" }, { name: "doubled", expression: "amount * 2" }] } },
      { id: "out", type: "kafka-sink", position: { x: 600, y: 0 }, data: { topic: output, format: "json", key: "id" } },
    ],
    edges: [
      { id: "e1", source: "orders", target: "large" },
      { id: "e2", source: "large", target: "shape" },
      { id: "e3", source: "shape", target: "out" },
    ],
  };
}

async function until<T>(read: () => T | Promise<T>, done: (value: T) => boolean, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = await read();
  while (!done(value) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 200));
    value = await read();
  }
  return value;
}

describe("Monitoring", () => {
  let database: TestDatabase;
  let engine: ChildProcess | null = null;

  beforeAll(async () => {
    if (!process.env.KAFKA_BROKERS) {
      const { startBroker } = (await import("../../../scripts/kafka.mjs" as string)) as { startBroker: () => Promise<unknown> };
      await startBroker();
    }
    database = await createTestDatabase("sqlite");
    auth = bearer(await createTestAccount("editor"));
    const { getDb } = await import("@/lib/server/db/prisma");
    await getDb();
  });

  afterAll(async () => {
    if (engine && engine.exitCode === null) {
      engine.kill("SIGTERM");
      await new Promise((r) => engine!.once("exit", r));
    }
    const { getTelemetryHub } = await import("./telemetry-hub");
    await getTelemetryHub().stop();
    await database?.drop();
  });

  it("brings per-node metrics and samples from a separately started engine process to the web server", { timeout: 180_000 }, async () => {
    const { createPipeline } = await import("@/lib/server/pipelines/create-pipeline");
    const deployRoute = await import("@/app/api/pipelines/[id]/deploy/route");
    const liveRoute = await import("@/app/api/pipelines/[id]/live/route");
    const metricsRoute = await import("@/app/metrics/route");
    const { getTelemetryHub } = await import("./telemetry-hub");

    const input = uniqueName("mon-in");
    const output = uniqueName("mon-out");
    await createTopics([input, output], 1);
    const pipeline = await createPipeline({ name: uniqueName("Monitored"), graph: filterPipeline(input, output) });
    const { buildEngine } = (await import("../../../scripts/build-engine.mjs" as string)) as { buildEngine: () => Promise<string> };
    engine = spawn(process.execPath, ["--enable-source-maps", await buildEngine()], {
      cwd: process.cwd(),
      env: { ...process.env, DATABASE_URL: database.url, STREAMLINE_TELEMETRY_TOPIC: telemetryTopic },
      stdio: ["ignore", "ignore", "inherit"],
    });
    expect((await deployRoute.POST(post(), params(pipeline.id))).status).toBe(202);
    const amounts = [5, 50, 7, 70, 700];
    await produce(input, amounts.map((amount, i) => ({ value: JSON.stringify({ id: `o${i}`, amount }), partition: 0 })));

    const hub = getTelemetryHub();
    const point = await until(() => hub.latestOf(pipeline.id), (p) => p?.nodes.out?.recordsOut === 3);
    expect(point!.nodes).toMatchObject({
      orders: { recordsIn: 5, recordsOut: 5, errors: 0 },
      large: { recordsIn: 5, recordsOut: 3 },
      shape: { recordsIn: 3, recordsOut: 3 },
      out: { recordsIn: 3, recordsOut: 3 },
    });
    expect(point!.status).toBe("running");
    // Lag is read from the committed offsets when the report is made, which can be a moment
    // before the batch's commit is visible: the next reports must show the partition caught up.
    const caughtUp = await until(() => hub.latestOf(pipeline.id), (p) => p?.totalLag === 0, 10_000);
    expect(caughtUp!.lag).toEqual([expect.objectContaining({ topic: input, partition: 0, lag: 0 })]);
    // Reported once a second: the points must keep coming.
    const later = await until(() => hub.historyOf(pipeline.id).length, (n) => n >= 3, 10_000);
    expect(later).toBeGreaterThanOrEqual(3);

    const samples = await until(() => hub.samplesOf(pipeline.id), (s) => (s?.nodes.out?.out.length ?? 0) === 3);
    expect(samples!.nodes.large!.in.map((s) => (s.fields as { amount: number }).amount)).toEqual(amounts);
    expect(samples!.nodes.large!.out.map((s) => (s.fields as { amount: number }).amount)).toEqual([50, 70, 700]);
    expect(samples!.nodes.shape!.out.map((s) => s.fields)).toEqual([{ id: "o1", doubled: 100 }, { id: "o3", doubled: 140 }, { id: "o4", doubled: 1400 }]);

    const abort = new AbortController();
    const response = await liveRoute.GET(new Request("http://localhost/x", { headers: auth, signal: abort.signal }), params(pipeline.id));
    expect(response.headers.get("content-type")).toContain("text/event-stream");
    const reader = response.body!.getReader();
    const first = new TextDecoder().decode((await reader.read()).value);
    abort.abort();
    expect(first).toMatch(/^event: snapshot\ndata: /);
    const snapshot = JSON.parse(first.split("data: ")[1]!);
    expect(snapshot.history.length).toBeGreaterThanOrEqual(3);
    expect(snapshot.samples.nodes.large.out).toHaveLength(3);

    const scrape = await (await metricsRoute.GET(new Request("http://localhost/metrics", { headers: auth }), { params: Promise.resolve({}) })).text();
    expect(scrape).toContain(`streamline_node_records_out_total{pipeline_id="${pipeline.id}",pipeline="${pipeline.name}",node="large"} 3`);
    expect(scrape).toMatch(/# TYPE streamline_consumer_lag gauge/);
  });

  it("previews a draft on the latest records without writing to any topic or committing offsets", { timeout: 120_000 }, async () => {
    const { createPipeline } = await import("@/lib/server/pipelines/create-pipeline");
    const previewRoute = await import("@/app/api/pipelines/[id]/preview/route");
    const input = uniqueName("preview-in");
    const output = uniqueName("preview-out");
    await createTopics([input], 3);
    await produce(input, Array.from({ length: 30 }, (_, i) => ({ id: `r${i}`, amount: i })));
    await produce(input, [{ value: "{broken", partition: 1 }]);
    const pipeline = await createPipeline({ name: uniqueName("Preview"), graph: filterPipeline(input, output) });

    const admin = new Kafka({ brokers: testBrokers, logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
    try {
      const groupsBefore = (await admin.listGroups()).groups.map((g) => g.groupId);
      const started = Date.now();
      const draft = filterPipeline(input, output);
      draft.nodes[1]!.data.condition = "amount >= 25";
      const response = await previewRoute.POST(post({ graph: draft, perSource: 10 }), params(pipeline.id));
      const elapsed = Date.now() - started;
      expect(response.status).toBe(200);
      const { preview } = await response.json();
      expect(preview.sources).toEqual([{ nodeId: "orders", topic: input, records: 10 }]);
      expect(preview.nodes.orders.recordsIn).toBe(10);
      const passed = preview.nodes.large.out.map((s: { fields: { amount: number } }) => s.fields.amount);
      expect(passed.every((amount: number) => amount >= 25)).toBe(true);
      expect(preview.nodes.out.recordsIn).toBe(passed.length);
      expect(preview.deadLetters).toEqual([expect.objectContaining({ nodeId: "orders", code: "decode-error" })]);
      console.log(`preview of 10 records took ${elapsed} ms`);

      const topics = await admin.listTopics();
      expect(topics).not.toContain(output);
      const groupsAfter = (await admin.listGroups()).groups.map((g) => g.groupId).filter((g) => !groupsBefore.includes(g));
      for (const groupId of groupsAfter) {
        const offsets = await admin.fetchOffsets({ groupId, topics: [input] });
        expect(offsets[0]!.partitions.every((p) => p.offset === "-1"), `group ${groupId} committed offsets`).toBe(true);
      }
    } finally {
      await admin.disconnect();
    }
  });
});
