import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { wordCountTemplate } from "@/engine/graph";
import { createKafkajsClient } from "@/engine/kafka/kafkajs-stream-client";
import type { StreamClient } from "@/engine/kafka/stream-client";
import { createTopics, expectedWordCounts, produce, readCommitted, testBrokers, uniqueName, type ReadMessage } from "@/engine/runners/kafka-test-kit";
import * as deployRoute from "@/app/api/pipelines/[id]/deploy/route";
import * as offsetsRoute from "@/app/api/pipelines/[id]/offsets/route";
import * as statusRoute from "@/app/api/pipelines/[id]/status/route";
import * as stopRoute from "@/app/api/pipelines/[id]/stop/route";
import { bearer, createTestAccount } from "@/lib/server/auth/test-accounts";
import { createTestDatabase, type TestDatabase } from "@/lib/server/db/test-database";
import { getDb } from "@/lib/server/db/prisma";
import { createPipeline } from "@/lib/server/pipelines/create-pipeline";
import { embeddedReconciler, type EmbeddedRun } from "./embedded-runtime";
import type { Reconciler } from "./reconciler";

/**
 * Replay through the API with the engine's control loop on the real broker:
 * a deploy that resets state and starts from a timestamp, a deploy from
 * explicit offsets, and the offsets of a stopped pipeline moved back. Counts
 * are exact and go up one at a time.
 */

const params = (id: string) => ({ params: Promise.resolve({ id }) });
let auth: Record<string, string> = {};
const post = (body?: unknown) =>
  new Request("http://localhost/x", body === undefined ? { method: "POST", headers: auth } : { method: "POST", headers: { ...auth, "content-type": "application/json" }, body: JSON.stringify(body) });

async function status(id: string) {
  const response = await statusRoute.GET(new Request("http://localhost/x", { headers: auth }), params(id));
  return (await response.json()) as { deployment: { id: string; status: string } | null };
}

async function waitFor<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = await read();
  while (!done(value) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 200));
    value = await read();
  }
  return value;
}

/** Counts per word from the sink, and any update that was not one more than the previous (from the first message on). */
function summarise(messages: ReadMessage[]) {
  const latest: Record<string, number> = {};
  const broken: string[] = [];
  for (const m of messages) {
    const { word, count } = JSON.parse(m.value!) as { word: string; count: number };
    if (count !== (latest[word] ?? 0) + 1) broken.push(`${word}: ${latest[word] ?? 0} → ${count}`);
    latest[word] = count;
  }
  return { latest, broken };
}

const reaches = (expected: Record<string, number>) => (messages: ReadMessage[]) => Object.entries(expected).every(([w, n]) => summarise(messages).latest[w] === n);

describe("Replay through the API and the engine loop", () => {
  let database: TestDatabase;
  let client: StreamClient;
  let reconciler: Reconciler<EmbeddedRun>;
  let timer: NodeJS.Timeout;

  beforeAll(async () => {
    if (!process.env.KAFKA_BROKERS) {
      const { startBroker } = (await import("../scripts/kafka.mjs" as string)) as { startBroker: () => Promise<unknown> };
      await startBroker();
    }
    database = await createTestDatabase("sqlite");
    auth = bearer(await createTestAccount("editor"));
    client = createKafkajsClient({ brokers: testBrokers });
    reconciler = embeddedReconciler({ db: await getDb(), client, log: () => undefined });
    timer = setInterval(() => void reconciler.tick().catch(() => undefined), 200);
  });

  afterAll(async () => {
    clearInterval(timer);
    await reconciler?.shutdown();
    await client?.close();
    await database?.drop();
  });

  it("resets and replays from a timestamp, then from explicit offsets, then from moved offsets of the stopped pipeline", { timeout: 240_000 }, async () => {
    const input = uniqueName("api-replay-in");
    const [out1, out2, out3, out4] = [1, 2, 3, 4].map((n) => uniqueName(`api-replay-out${n}`));
    await createTopics([input, out1!, out2!, out3!, out4!]);
    const base = Date.now() - 3_600_000;
    const early = ["red green", "blue red", "green"];
    const late = ["red blue", "yellow", "blue blue"];
    // Partition i % 3, so early line i is at offset 0 of its partition and late line i at offset 1.
    await produce(input, [...early.map((value, i) => ({ value, partition: i % 3, timestamp: base })), ...late.map((value, i) => ({ value, partition: i % 3, timestamp: base + 600_000 }))]);
    const graph = (output: string) => wordCountTemplate({ input, output });
    const pipeline = await createPipeline({ name: uniqueName("Replayed"), graph: graph(out1!) });
    const db = await getDb();
    const deploy = async (body: unknown) => {
      const response = await deployRoute.POST(post(body), params(pipeline.id));
      expect(response.status).toBe(202);
      return (await response.json()) as { deployment: { id: string; generation: number }; plan: { stateful: { state: string }[] } };
    };
    const stop = async () => {
      expect((await stopRoute.POST(post(), params(pipeline.id))).status).toBe(202);
      await waitFor(() => status(pipeline.id), (s) => s.deployment?.status === "stopped");
    };
    const saveSink = async (output: string) => {
      const version = (await db.pipeline.findUniqueOrThrow({ where: { id: pipeline.id } })).latestVersion + 1;
      await db.pipelineVersion.create({ data: { id: uniqueName("v"), pipelineId: pipeline.id, version, graph: JSON.stringify(graph(output)) } });
      await db.pipeline.update({ where: { id: pipeline.id }, data: { latestVersion: version } });
    };

    // v1 counts everything.
    await deploy({});
    const all = await readCommitted(out1!, reaches(expectedWordCounts([...early, ...late])));
    expect(summarise(all)).toEqual({ latest: expectedWordCounts([...early, ...late]), broken: [] });

    // v2 (only the sink moved): reset and replay from the late lines' time: counts restart and cover the late lines only.
    await saveSink(out2!);
    const second = await deploy({ reset: true, startAt: { from: "timestamp", timestamp: new Date(base + 300_000).toISOString() } });
    expect(second.deployment.generation).toBe(1);
    expect(second.plan.stateful).toMatchObject([{ state: "reset" }]);
    const fromTime = await readCommitted(out2!, reaches(expectedWordCounts(late)));
    expect(summarise(fromTime)).toEqual({ latest: expectedWordCounts(late), broken: [] });
    await waitFor(async () => db.deployment.findUnique({ where: { id: second.deployment.id } }), (d) => d?.startAppliedAt !== null);

    // v3: reset again and start partition 0 at offset 1, partitions 1 and 2 at 0: all but the first early line.
    await saveSink(out3!);
    await deploy({ reset: true, startAt: { from: "offsets", offsets: [{ topic: input, partition: 0, offset: 1 }, { topic: input, partition: 1, offset: 0 }, { topic: input, partition: 2, offset: 0 }] } });
    const expected3 = expectedWordCounts([...early.slice(1), ...late]);
    const fromOffsets = await readCommitted(out3!, reaches(expected3));
    expect(summarise(fromOffsets)).toEqual({ latest: expected3, broken: [] });

    // Stop, move the stopped pipeline's offsets to the late lines' time, and deploy v4 with reset: false into a new sink.
    // The state is kept, so the late lines count again on top of v3's counts: exactly what the plan warns about.
    await stop();
    const moved = await offsetsRoute.POST(post({ startAt: { from: "timestamp", timestamp: base + 300_000 } }), params(pipeline.id));
    expect(moved.status).toBe(200);
    expect(((await moved.json()) as { offsets: { partition: number; offset: string }[] }).offsets.sort((a, b) => a.partition - b.partition).map((o) => o.offset)).toEqual(["1", "1", "1"]);
    await saveSink(out4!);
    const fourth = await deploy({});
    expect(fourth.plan.stateful).toMatchObject([{ state: "kept" }]);
    const expected4: Record<string, number> = { ...expected3 };
    for (const [word, n] of Object.entries(expectedWordCounts(late))) expected4[word] = (expected4[word] ?? 0) + n;
    const again = await readCommitted(out4!, reaches(expected4));
    // The new sink sees only the updates of the replayed lines, continuing from v3's counts.
    expect(summarise(again).latest).toEqual(Object.fromEntries(Object.keys(expectedWordCounts(late)).map((w) => [w, expected4[w]])));
    await stop();
    expect((await offsetsRoute.POST(post({ startAt: { from: "earliest" } }), params("no-such"))).status).toBe(404);
  });
});
