import { Kafka, logLevel } from "kafkajs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { wordCountTemplate } from "@/engine/graph";
import { createKafkajsClient } from "@/engine/kafka/kafkajs-stream-client";
import type { StreamClient } from "@/engine/kafka/stream-client";
import { expectedWordCounts, testBrokers, uniqueName } from "@/engine/runners/kafka-test-kit";
import { planScript } from "@/engine/runners/flink/compile-pipeline";
import { FlinkRestClient } from "@/engine/runners/flink/flink-rest-client";
import * as checkpointsRoute from "@/app/api/pipelines/[id]/checkpoints/route";
import * as deployRoute from "@/app/api/pipelines/[id]/deploy/route";
import * as statusRoute from "@/app/api/pipelines/[id]/status/route";
import * as stopRoute from "@/app/api/pipelines/[id]/stop/route";
import { bearer, createTestAccount } from "@/lib/server/auth/test-accounts";
import { createConnection } from "@/lib/server/connections/create-connection";
import { createTestDatabase, type TestDatabase } from "@/lib/server/db/test-database";
import { getDb } from "@/lib/server/db/prisma";
import { createPipeline } from "@/lib/server/pipelines/create-pipeline";
import { flinkClusterFromEnv } from "./flink-cluster";
import { flinkReconciler, type FlinkRun } from "./flink-runtime";
import type { Reconciler } from "./reconciler";
import { createTopicsAndWait } from "@/engine/kafka/topic-readiness";

/**
 * A pipeline on a stored SASL connection runs on Flink: a second broker with
 * SASL (PLAIN and SCRAM) on port 9292, started by scripts/kafka.mjs with
 * KAFKA_SASL_USERS and stopped afterwards if this file started it; a word
 * count whose source and sink use a SCRAM-SHA-256 connection to it gives the
 * exact counts, and the password appears nowhere: not in the Flink loop's
 * log, the status and checkpoints answers, the audit log, nor the SQL shown
 * for the job (planScript), though the submitted SQL carries it.
 */

const saslPort = Number(process.env.SASL_KAFKA_PORT ?? 9292);
const user = "streamline-test";
const password = "s3cret-Flink-pw";
const saslEnv = { KAFKA_PORT: String(saslPort), KAFKA_SASL_USERS: `${user}:${password}`, KAFKA_HEAP_OPTS: "-Xmx512m -Xms128m" };

const params = (id: string) => ({ params: Promise.resolve({ id }) });
let auth: Record<string, string> = {};
const post = (body?: unknown) =>
  new Request("http://localhost/x", body === undefined ? { method: "POST", headers: auth } : { method: "POST", headers: { ...auth, "content-type": "application/json" }, body: JSON.stringify(body) });

/** Runs one of scripts/kafka.mjs's functions with the SASL broker's environment. */
async function withSaslEnv<T>(work: () => Promise<T>): Promise<T> {
  const saved = Object.fromEntries(Object.keys(saslEnv).map((key) => [key, process.env[key]]));
  const brokers = process.env.KAFKA_BROKERS;
  Object.assign(process.env, saslEnv);
  delete process.env.KAFKA_BROKERS;
  try {
    return await work();
  } finally {
    for (const [key, value] of Object.entries(saved)) if (value === undefined) delete process.env[key];
    else process.env[key] = value;
    if (brokers !== undefined) process.env.KAFKA_BROKERS = brokers;
  }
}

describe("Flink on a SASL connection", () => {
  let database: TestDatabase;
  let client: StreamClient;
  let reconciler: Reconciler<FlinkRun>;
  let timer: NodeJS.Timeout;
  let startedBroker = false;
  const logged: string[] = [];
  const sasl = new Kafka({ brokers: [`127.0.0.1:${saslPort}`], clientId: "flink-sasl-test", logLevel: logLevel.NOTHING, sasl: { mechanism: "scram-sha-256", username: user, password } });
  let kafka: { startBroker: (o?: object) => Promise<{ startedNow: boolean }>; stopBroker: (o?: object) => Promise<unknown> };

  beforeAll(async () => {
    kafka = (await import("../scripts/kafka.mjs" as string)) as typeof kafka;
    startedBroker = (await withSaslEnv(() => kafka.startBroker({ log: () => undefined }))).startedNow;
    database = await createTestDatabase("sqlite");
    auth = bearer(await createTestAccount("editor"));
    client = createKafkajsClient({ brokers: testBrokers });
    const cluster = await flinkClusterFromEnv(() => undefined);
    reconciler = flinkReconciler({ db: await getDb(), client, cluster, log: (line) => void logged.push(line) });
    timer = setInterval(() => void reconciler.tick().catch((error) => logged.push(String(error))), 300);
  }, 300_000);

  afterAll(async () => {
    clearInterval(timer);
    const rows = (await (await getDb()).deployment.findMany({ where: { flinkJobId: { not: null } } }).catch(() => [])) as { flinkJobId: string | null }[];
    const rest = new FlinkRestClient((await flinkClusterFromEnv(() => undefined)).restUrl);
    await Promise.all(rows.map((row) => rest.job(row.flinkJobId!).then((job) => (job && job.state === "RUNNING" ? rest.cancel(row.flinkJobId!) : undefined)).catch(() => undefined)));
    await client?.close();
    await database?.drop();
    if (startedBroker) await withSaslEnv(() => kafka.stopBroker({ log: () => undefined }));
  }, 120_000);

  it("runs a word count on a SCRAM connection with exact counts, and never shows the password", { timeout: 300_000 }, async () => {
    const input = uniqueName("flink-sasl-in");
    const output = uniqueName("flink-sasl-out");
    const admin = sasl.admin();
    await admin.connect();
    await createTopicsAndWait(admin, [input, output].map((topic) => ({ topic, numPartitions: 2, replicationFactor: 1 })));
    await admin.disconnect();

    const connection = await createConnection({ name: uniqueName("SASL cluster"), brokers: [`127.0.0.1:${saslPort}`], saslMechanism: "scram-sha-256", username: user, password, tls: false });
    const graph = wordCountTemplate({ input, output });
    for (const node of graph.nodes) if (node.type === "kafka-source" || node.type === "kafka-sink") node.data = { ...node.data, connection: connection.id } as typeof node.data;
    const pipeline = await createPipeline({ name: uniqueName("Word count on SASL"), graph });

    const lines = ["alpha beta", "beta gamma", "gamma gamma alpha"];
    const producer = sasl.producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    await producer.send({ topic: input, messages: lines.map((value, i) => ({ value, partition: i % 2 })) });
    await producer.disconnect();

    expect((await deployRoute.POST(post({ runtime: "flink", parallelism: 1, checkpointIntervalMs: 1000 }), params(pipeline.id))).status).toBe(202);

    const expected = expectedWordCounts(lines);
    const latest: Record<string, number> = {};
    const consumer = sasl.consumer({ groupId: uniqueName("sasl-reader"), readUncommitted: false, maxWaitTimeInMs: 100 });
    await consumer.connect();
    await consumer.subscribe({ topic: output, fromBeginning: true });
    await consumer.run({ eachMessage: async ({ message }) => void (message.value && Object.assign(latest, { [JSON.parse(message.value.toString()).word]: JSON.parse(message.value.toString()).count })) });
    const deadline = Date.now() + 150_000;
    while (JSON.stringify(Object.entries(latest).sort()) !== JSON.stringify(Object.entries(expected).sort()) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 300));
    await consumer.disconnect();
    const status = await (await statusRoute.GET(new Request("http://localhost/x", { headers: auth }), params(pipeline.id))).text();
    expect(latest, `status: ${status}\nlog:\n${logged.join("\n")}`).toEqual(expected);

    // The SQL shown for the job has the password redacted; the statements Flink ran had it.
    const runs = reconciler.runningDeploymentIds();
    expect(runs).toHaveLength(1);
    const run = (reconciler as unknown as { runs: Map<string, { run: FlinkRun }> }).runs.get(runs[0]!)!.run;
    expect(run.plan.definitions.join("\n")).toContain(password);
    expect(planScript(run.plan)).toContain(`password="******"`);

    const checkpoints = await (await checkpointsRoute.GET(new Request("http://localhost/x", { headers: auth }), params(pipeline.id))).text();
    expect((await stopRoute.POST(post(), params(pipeline.id))).status).toBe(202);
    const audit = JSON.stringify(await (await getDb()).auditEvent.findMany());
    for (const [where, text] of Object.entries({ log: logged.join("\n"), status, checkpoints, audit, shownSql: planScript(run.plan) })) {
      expect(text.includes(password), `the password in ${where}`).toBe(false);
    }
  });
});
