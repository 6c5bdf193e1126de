import "server-only";
import { guardedSocketFactory, type Connector, type Resolver } from "@/engine/kafka/guarded-socket-factory";
import type { KafkajsOptions } from "@/engine/kafka/kafkajs-stream-client";
import type { Db } from "../db/prisma";
import { serverBrokerPolicy } from "./broker-allowlist";
import { decryptSecret } from "./secret-box";

/**
 * The kafkajs options for a stored connection: its brokers, TLS with its CA,
 * SASL with the decrypted password, and the socket factory that applies the
 * broker policy to every connection kafkajs opens (including brokers the
 * cluster's metadata names). The password exists in memory only here.
 */
export async function connectionClientOptions(
  db: Db,
  connectionId: string,
  seams: { resolve?: Resolver; connect?: Connector } = {},
): Promise<Pick<KafkajsOptions, "brokers" | "ssl" | "sasl" | "socketFactory">> {
  const row = await db.kafkaConnection.findUnique({ where: { id: connectionId } });
  if (!row) throw new Error(`Kafka connection ${connectionId} does not exist (deleted after the pipeline was saved?)`);
  const mechanism = row.saslMechanism as "none" | "plain" | "scram-sha-256" | "scram-sha-512";
  return {
    brokers: JSON.parse(row.brokers) as string[],
    ssl: row.tls ? (row.caPem ? { ca: [row.caPem] } : true) : undefined,
    sasl: mechanism === "none" ? undefined : { mechanism, username: row.username, password: decryptSecret(row.passwordEncrypted, row.id) },
    socketFactory: guardedSocketFactory(serverBrokerPolicy(), seams),
  };
}
