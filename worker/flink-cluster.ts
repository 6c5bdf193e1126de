import path from "node:path";
import type { FlinkCluster } from "./flink-runtime";

type FlinkScript = {
  flinkAddress: () => { restUrl: string; gatewayUrl: string; external: boolean };
  startFlink: (options?: { log?: (message: string) => void }) => Promise<unknown>;
};

/**
 * The Flink cluster the engine deploys to: FLINK_REST_URL and
 * FLINK_SQL_GATEWAY_URL when set (a remote cluster; FLINK_SAVEPOINT_DIR names
 * a savepoint directory it can write, else its own `state.savepoints.dir`),
 * otherwise the local session cluster of scripts/flink.mjs, started on first
 * use, so `npm start` costs nothing extra until a pipeline is deployed on
 * Flink. FLINK_KAFKA_BROKERS names the brokers as Flink reaches them when that
 * differs from KAFKA_BROKERS (e.g. inside Docker).
 */
export async function flinkClusterFromEnv(log: (message: string) => void): Promise<FlinkCluster> {
  const script = (await import(path.join(process.cwd(), "scripts", "flink.mjs"))) as FlinkScript;
  const address = script.flinkAddress();
  const kafkaBrokers = process.env.FLINK_KAFKA_BROKERS ?? process.env.KAFKA_BROKERS ?? "127.0.0.1:9092";
  let starting: Promise<unknown> | null = null;
  return {
    restUrl: address.restUrl,
    gatewayUrl: address.gatewayUrl,
    kafkaBrokers,
    savepointDir: process.env.FLINK_SAVEPOINT_DIR ?? (address.external ? undefined : path.join(process.cwd(), ".data", "flink", "savepoints")),
    ensureRunning: async () => {
      starting ??= script.startFlink({ log: (message) => log(`[flink] ${message}`) }).finally(() => (starting = null));
      await starting;
    },
  };
}
