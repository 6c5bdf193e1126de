// The engine process (`npm run engine`): runs the deployments recorded in the
// database against Kafka. Separate from the web server so it can restart, or
// run on another machine, without taking the editor down.
import { createKafkajsClient } from "@/engine/kafka/kafkajs-stream-client";
import { telemetryRetentionMs, telemetryTopic } from "@/engine/telemetry/telemetry-messages";
import type { StreamClient } from "@/engine/kafka/stream-client";
import { connectionClientOptions } from "@/lib/server/connections/connection-client-options";
import { pipelineRegistryResolver } from "@/lib/server/connections/connection-registry";
import { disconnectDb, getDb } from "@/lib/server/db/prisma";
import { readDatabaseConfig } from "@/lib/server/db/database-config";
import { createServer } from "node:http";
import type { LogLevel } from "@/engine/kafka/kafkajs-log";
import type { LogLineFields } from "./deployment-runtime";
import { embeddedReconciler } from "./embedded-runtime";
import { createEngineLog } from "./engine-log";
import { flinkClusterFromEnv } from "./flink-cluster";
import { flinkReconciler } from "./flink-runtime";

const tickMs = 500;

const logger = createEngineLog();

/** The reconcilers' log: `fields.level` picks the level (default info); the rest become the line's fields. */
function log(message: string, fields: LogLineFields = {}): void {
  const { level = "info", ...rest } = fields;
  logger[level](message, rest);
}

/** kafkajs's own lines, already levelled by engine/kafka/kafkajs-log.ts. */
const kafkaLog = (level: LogLevel, message: string) => logger[level](message, { component: "kafkajs" });

async function main(): Promise<void> {
  const brokers = (process.env.KAFKA_BROKERS ?? "127.0.0.1:9092").split(",").map((b) => b.trim()).filter(Boolean);
  const db = await getDb();
  const client = createKafkajsClient({ brokers, log: kafkaLog });
  await client.ensureTopics([{ topic: telemetryTopic, partitions: 1, retentionMs: telemetryRetentionMs }]);
  const telemetry = client.producer({});
  await telemetry.connect();
  // One client per stored connection and version of it: an admin's edit (new password, brokers) takes effect on the next deploy.
  const connectionClients = new Map<string, StreamClient>();
  const clientFor = async (connectionId: string) => {
    const row = await db.kafkaConnection.findUnique({ where: { id: connectionId }, select: { updatedAt: true } });
    if (!row) throw new Error("it does not exist (deleted after the pipeline was saved?)");
    const key = `${connectionId}@${row.updatedAt.toISOString()}`;
    let connectionClient = connectionClients.get(key);
    if (!connectionClient) {
      connectionClient = createKafkajsClient({ ...(await connectionClientOptions(db, connectionId)), clientId: "streamline-engine", log: kafkaLog });
      connectionClients.set(key, connectionClient);
    }
    return connectionClient;
  };
  // One reconciler loop (worker/reconciler.ts) per runtime: each claims, runs and heart-beats the deployments of its runtime.
  const reconciler = embeddedReconciler({ db, client, clientFor, registryFor: (document) => pipelineRegistryResolver(db, document), log, publish: (messages) => telemetry.send(messages) });
  // Deployments with runtime "flink" run in a Flink cluster; this loop submits, watches and stops them.
  const flinkCluster = await flinkClusterFromEnv(log);
  // FLINK_SAMPLES=off leaves the sample side sinks out of new Flink jobs (they cost throughput: docs/flink.md).
  const flink = flinkReconciler({ db, client, cluster: flinkCluster, log, publish: (messages) => telemetry.send(messages), samples: process.env.FLINK_SAMPLES !== "off" });
  log(`started as ${reconciler.ownerId}; Kafka ${brokers.join(",")}; database ${readDatabaseConfig().provider}; Flink ${flinkCluster.restUrl} (SQL Gateway ${flinkCluster.gatewayUrl})`);

  // An optional liveness endpoint for supervisors and the end-to-end tests: GET /healthz.
  const healthPort = Number(process.env.ENGINE_HEALTH_PORT ?? 0);
  const health = healthPort
    ? createServer((request, response) => {
        const ok = request.url === "/healthz";
        response.writeHead(ok ? 200 : 404, { "content-type": "application/json" });
        response.end(JSON.stringify(ok ? { ownerId: reconciler.ownerId, deployments: reconciler.runningDeploymentIds() } : { error: "not found" }));
      }).listen(healthPort, "127.0.0.1")
    : null;

  let stopping = false;
  const timer = setInterval(() => {
    if (stopping) return;
    reconciler.tick().catch((error) => log(`reconcile failed: ${error instanceof Error ? error.message : error}`, { level: "warn" }));
    // Its own loop: a Flink submission or savepoint can take seconds and must not hold up embedded deployments.
    flink.tick().catch((error) => log(`Flink reconcile failed: ${error instanceof Error ? error.message : error}`, { level: "warn" }));
  }, tickMs);

  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    clearInterval(timer);
    health?.close();
    log(`${signal}: stopping deployments`);
    await reconciler.shutdown().catch((error) => log(`shutdown: ${error}`));
    // Flink jobs keep running in the cluster; the next engine adopts them.
    await flink.shutdown().catch((error) => log(`Flink shutdown: ${error}`));
    await telemetry.disconnect();
    await client.close();
    await disconnectDb();
    process.exit(0);
  };
  process.on("SIGINT", () => void shutdown("SIGINT"));
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
}

main().catch((error) => {
  log(`failed to start: ${error instanceof Error ? error.stack : error}`, { level: "error" });
  process.exit(1);
});
