import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { wordCountTemplate } from "@/engine/graph";
import { networkConnector, type Connector } from "@/engine/kafka/guarded-socket-factory";
import { createKafkajsClient } from "@/engine/kafka/kafkajs-stream-client";
import type { StreamClient } from "@/engine/kafka/stream-client";
import { createTopics, expectedWordCounts, produce, readCommitted, testBrokers, uniqueName } from "@/engine/runners/kafka-test-kit";
import { connectionClientOptions } from "@/lib/server/connections/connection-client-options";
import { createConnection } from "@/lib/server/connections/create-connection";
import { deleteConnection } from "@/lib/server/connections/delete-connection";
import { getDb } from "@/lib/server/db/prisma";
import { createTestDatabase, type TestDatabase } from "@/lib/server/db/test-database";
import { deployPipeline } from "@/lib/server/deployments/deploy-pipeline";
import { listDeadLetters } from "@/lib/server/deployments/list-dead-letters";
import { stopPipeline } from "@/lib/server/deployments/stop-pipeline";
import { createPipeline } from "@/lib/server/pipelines/create-pipeline";
import { embeddedReconciler, type EmbeddedRun } from "./embedded-runtime";
import type { Reconciler } from "./reconciler";

/**
 * A pipeline whose source and sink name a stored Kafka connection runs on
 * that connection's client: built from the stored settings, through the
 * guarded socket factory, never through the engine's default client.
 */

describe("a deployment on a stored Kafka connection", () => {
  let database: TestDatabase;
  let reconciler: Reconciler<EmbeddedRun>;
  let timer: NodeJS.Timeout;
  const dialled: string[] = [];
  const defaultClientCalls: string[] = [];
  const clients: StreamClient[] = [];

  beforeAll(async () => {
    database = await createTestDatabase("sqlite");
    const db = await getDb();
    // The engine's default client must not be used: every call is recorded and fails.
    const poisoned = new Proxy({} as StreamClient, {
      get: (_target, name) => (...args: unknown[]) => {
        defaultClientCalls.push(String(name));
        void args;
        return Promise.reject(new Error("the default client must not be used"));
      },
    });
    // The real network connector, counting where the guard let it go.
    const counting: Connector = (target) => {
      target.lookup(target.host, { all: true }, (error, addresses) => {
        if (!error) dialled.push(`${(Array.isArray(addresses) ? addresses.map((a) => a.address) : [addresses]).join("|")}:${target.port}`);
      });
      return networkConnector(target);
    };
    const clientFor = async (connectionId: string) => {
      const client = createKafkajsClient({ ...(await connectionClientOptions(db, connectionId, { connect: counting })), clientId: "connection-test" });
      clients.push(client);
      return client;
    };
    reconciler = embeddedReconciler({ db, client: poisoned, clientFor, log: () => undefined });
    timer = setInterval(() => void reconciler.tick().catch(() => undefined), 200);
  });

  afterAll(async () => {
    clearInterval(timer);
    await reconciler?.shutdown();
    for (const client of clients) await client.close().catch(() => undefined);
    await database?.drop();
  });

  it("counts words through the connection's guarded client", { timeout: 180_000 }, async () => {
    const input = uniqueName("conn-wc-in");
    const output = uniqueName("conn-wc-out");
    await createTopics([input, output]);
    const connection = await createConnection({ name: "Local", brokers: testBrokers, saslMechanism: "none", tls: false });
    const graph = wordCountTemplate({ input, output });
    for (const node of graph.nodes) if (node.type === "kafka-source" || node.type === "kafka-sink") node.data.connection = connection.id;
    const pipeline = await createPipeline({ name: uniqueName("On a connection"), graph });
    await produce(input, ["to be or not to be"]);
    await deployPipeline(pipeline.id, {});

    const counts = await readCommitted(output, (m) => m.length >= 4);
    const latest = Object.fromEntries(counts.map((m) => JSON.parse(m.value!)).map((v: { word: string; count: number }) => [v.word, v.count]));
    expect(latest).toEqual(expectedWordCounts(["to be or not to be"]));
    await stopPipeline(pipeline.id);
    // The web server reads the dead letters from the same cluster, through a guarded client of its own.
    expect((await listDeadLetters(pipeline.id)).deadLetters).toEqual([]);
    await deleteConnection(connection.id);
    await expect(listDeadLetters(pipeline.id)).rejects.toMatchObject({ status: 409 });
    expect(defaultClientCalls).toEqual([]);
    expect(dialled.length).toBeGreaterThan(0);
    expect(dialled.every((target) => /^(127\.0\.0\.1|::1)/.test(target))).toBe(true);
  });
});
