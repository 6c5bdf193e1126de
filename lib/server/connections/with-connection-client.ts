import "server-only";
import { createKafkajsClient } from "@/engine/kafka/kafkajs-stream-client";
import type { StreamClient } from "@/engine/kafka/stream-client";
import { getDb } from "../db/prisma";
import { getStreamClient } from "../kafka/stream-client";
import { connectionClientOptions } from "./connection-client-options";

/**
 * Runs `work` with a Kafka client for the web server: the shared one of the
 * server's own cluster, or a short-lived, broker-guarded one for a stored
 * connection, closed afterwards.
 */
export async function withConnectionClient<T>(connectionId: string | undefined, work: (client: StreamClient) => Promise<T>): Promise<T> {
  if (!connectionId) return work(getStreamClient());
  const client = createKafkajsClient({ ...(await connectionClientOptions(await getDb(), connectionId)), clientId: "streamline-web" });
  try {
    return await work(client);
  } finally {
    await client.close().catch(() => undefined);
  }
}
