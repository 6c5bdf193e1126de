import { disabledEffect, operatorOf, type PipelineDocument } from "@/engine/graph";
import type { FlinkKafkaConnection } from "@/engine/flink-sql/kafka-client";
import { assertBrokersAllowed } from "@/lib/server/connections/broker-allowlist";
import { decryptSecret } from "@/lib/server/connections/secret-box";
import type { Db } from "@/lib/server/db/prisma";

/**
 * The stored Kafka connections a pipeline's sources and sinks use, resolved
 * for Flink at submit time: brokers (checked against the broker allowlist, as
 * every connection the engine opens is), TLS with its CA, and SASL with the
 * password decrypted here and only here. Throws naming the connection when
 * one is gone or its brokers are not allowed.
 */
export async function resolveFlinkConnections(db: Db, document: PipelineDocument): Promise<Record<string, FlinkKafkaConnection>> {
  const ids = new Set<string>();
  for (const node of document.nodes) {
    // A disabled sink has no table in the job, so its connection is not needed.
    if (disabledEffect(node) !== null) continue;
    const connection = operatorOf(node.type).endpoint?.(node.data as never)?.connection;
    if (connection) ids.add(connection);
  }
  const resolved: Record<string, FlinkKafkaConnection> = {};
  for (const id of ids) {
    const row = await db.kafkaConnection.findUnique({ where: { id } });
    if (!row) throw new Error(`Kafka connection ${id} does not exist (deleted after the pipeline was saved?)`);
    const brokers = JSON.parse(row.brokers) as string[];
    try {
      await assertBrokersAllowed(brokers);
    } catch (error) {
      throw new Error(`Kafka connection '${row.name}': ${error instanceof Error ? error.message : String(error)}`);
    }
    const mechanism = row.saslMechanism as "none" | "plain" | "scram-sha-256" | "scram-sha-512";
    resolved[id] = {
      bootstrapServers: brokers.join(","),
      tls: row.tls,
      caPem: row.caPem,
      sasl: mechanism === "none" ? null : { mechanism, username: row.username, password: decryptSecret(row.passwordEncrypted, row.id) },
    };
  }
  return resolved;
}
