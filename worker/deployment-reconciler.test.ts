import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { wordCountTemplate } from "@/engine/graph";
import { createKafkajsClient } from "@/engine/kafka/kafkajs-stream-client";
import type { StreamClient } from "@/engine/kafka/stream-client";
import { createTopics, expectedWordCounts, produce, readCommitted, testBrokers, uniqueName } from "@/engine/runners/kafka-test-kit";
import * as deployRoute from "@/app/api/pipelines/[id]/deploy/route";
import * as statusRoute from "@/app/api/pipelines/[id]/status/route";
import * as stopRoute from "@/app/api/pipelines/[id]/stop/route";
import { bearer, createTestAccount } from "@/lib/server/auth/test-accounts";
import { createTestDatabase, type TestDatabase } from "@/lib/server/db/test-database";
import { getDb } from "@/lib/server/db/prisma";
import { toDeploymentView } from "@/lib/server/deployments/deployment-view";
import { createPipeline } from "@/lib/server/pipelines/create-pipeline";
import { embeddedReconciler, type EmbeddedRun } from "./embedded-runtime";
import type { Reconciler } from "./reconciler";

/**
 * Deploy and stop through the API, with the engine's control loop running
 * against the same database and the real broker.
 */

const params = (id: string) => ({ params: Promise.resolve({ id }) });
// An editor's API token on every request: the API refuses anonymous callers.
let auth: Record<string, string> = {};
const post = (body?: unknown) =>
  new Request("http://localhost/x", body === undefined ? { method: "POST", headers: auth } : { method: "POST", headers: { ...auth, "content-type": "application/json" }, body: JSON.stringify(body) });

async function status(id: string) {
  const response = await statusRoute.GET(new Request("http://localhost/x", { headers: auth }), params(id));
  return (await response.json()) as { deployment: { status: string; version: number; error: string | null; desiredState: string; stats: { recordsIn: number } | null } | null };
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

describe("Deployments through the API and the engine loop", () => {
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

  it("deploys the word count, runs it, stops it, and redeploys from where it stopped", { timeout: 180_000 }, async () => {
    const input = uniqueName("api-wc-in");
    const output = uniqueName("api-wc-out");
    await createTopics([input, output]);
    const pipeline = await createPipeline({ name: uniqueName("Word count"), graph: wordCountTemplate({ input, output }) });
    const lines = ["to be or not to be", "that is the question"];
    await produce(input, lines);

    const deployed = await deployRoute.POST(post(), params(pipeline.id));
    expect(deployed.status).toBe(202);
    expect((await deployed.json()).deployment).toMatchObject({ version: 1, status: "starting", guarantee: "exactly-once" });

    const running = await waitFor(() => status(pipeline.id), (s) => s.deployment?.status === "running");
    expect(running.deployment).toMatchObject({ status: "running", desiredState: "running", error: null });

    const counts = await readCommitted(output, (m) => m.length >= 8);
    const latest = Object.fromEntries(counts.map((m) => JSON.parse(m.value!)).map((v: { word: string; count: number }) => [v.word, v.count]));
    expect(latest).toEqual(expectedWordCounts(lines));
    const withStats = await waitFor(() => status(pipeline.id), (s) => (s.deployment?.stats?.recordsIn ?? 0) >= 2);
    expect(withStats.deployment!.stats!.recordsIn).toBe(2);

    expect((await stopRoute.POST(post(), params(pipeline.id))).status).toBe(202);
    const stopped = await waitFor(() => status(pipeline.id), (s) => s.deployment?.status === "stopped");
    expect(stopped.deployment).toMatchObject({ status: "stopped", desiredState: "stopped" });
    expect((await stopRoute.POST(post(), params(pipeline.id))).status).toBe(409);

    await produce(input, ["to be continued"]);
    expect((await deployRoute.POST(post({ guarantee: "exactly-once" }), params(pipeline.id))).status).toBe(202);
    await waitFor(() => status(pipeline.id), (s) => s.deployment?.status === "running");
    const after = await readCommitted(output, (m) => m.some((x) => JSON.parse(x.value!).word === "continued"));
    const final = Object.fromEntries(after.map((m) => JSON.parse(m.value!)).map((v: { word: string; count: number }) => [v.word, v.count]));
    expect(final).toEqual(expectedWordCounts([...lines, "to be continued"]));
    await stopRoute.POST(post(), params(pipeline.id));
  });

  it("refuses to deploy a graph with problems, with 422 and the problems", async () => {
    const graph = wordCountTemplate();
    graph.nodes[1]!.data.expression = "SPLIT(LOWER(text), ";
    const pipeline = await createPipeline({ name: uniqueName("Broken"), graph, draft: true });
    const response = await deployRoute.POST(post(), params(pipeline.id));
    expect(response.status).toBe(422);
    const body = await response.json();
    expect(body.error.details).toEqual([expect.objectContaining({ code: "node.expression", nodeId: "words", field: "expression" })]);
    expect((await status(pipeline.id)).deployment).toBeNull();
  });

  it("answers 400 to a deploy body with an unknown runtime and 404 to an unknown pipeline", async () => {
    const pipeline = await createPipeline({ name: uniqueName("Any"), graph: wordCountTemplate() });
    const response = await deployRoute.POST(post({ runtime: "spark" }), params(pipeline.id));
    expect(response.status).toBe(400);
    expect((await deployRoute.POST(post(), params("no-such-id"))).status).toBe(404);
  });
});

describe("toDeploymentView", () => {
  const row = { id: "d", version: 1, runtime: "embedded", guarantee: "exactly-once", desiredState: "running", status: "running", error: null, deadLetterTopic: "x", generation: 0, startedAt: null, stoppedAt: null, stats: null, createdAt: new Date(0) };

  it("reports a running deployment whose engine stopped heart-beating as unresponsive", () => {
    expect(toDeploymentView({ ...row, heartbeatAt: new Date(1_000) }, 4_000).status).toBe("running");
    const stale = toDeploymentView({ ...row, heartbeatAt: new Date(1_000) }, 10_000);
    expect(stale.status).toBe("unresponsive");
    expect(stale.error).toMatch(/has not reported since/);
    expect(toDeploymentView({ ...row, status: "stopped", heartbeatAt: new Date(1_000) }, 100_000).status).toBe("stopped");
  });
});
