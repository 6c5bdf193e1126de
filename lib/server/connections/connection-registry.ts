import "server-only";
import type { RegistryCodec } from "@/engine/formats/registry-codec";
import { registryResolver } from "@/engine/formats/registry-codecs";
import type { RegistryConnection } from "@/engine/formats/registry-formats";
import { pipelineConnection, type PipelineDocument } from "@/engine/graph";
import type { Db } from "../db/prisma";
import { decryptSecret } from "./secret-box";

/**
 * What the Schema Registry password of a connection is bound to when sealed:
 * not the bare id, so it cannot be swapped with the Kafka password's ciphertext.
 */
export function registrySecretKey(connectionId: string): string {
  return `${connectionId}:registry`;
}

/**
 * The Schema Registry of a stored connection, with its decrypted password, for
 * the sources and sinks on that connection; null when it has none. The password
 * exists in memory only from here on.
 */
export async function connectionRegistry(db: Db, connectionId: string): Promise<RegistryConnection | null> {
  const row = await db.kafkaConnection.findUnique({ where: { id: connectionId } });
  if (!row) throw new Error(`Kafka connection ${connectionId} does not exist (deleted after the pipeline was saved?)`);
  if (!row.registryUrl) return null;
  return {
    url: row.registryUrl,
    username: row.registryUsername || undefined,
    password: row.registryPasswordEncrypted ? decryptSecret(row.registryPasswordEncrypted, registrySecretKey(row.id)) : undefined,
  };
}

/**
 * How a pipeline's sources and sinks find their registry codec: nodes on the
 * server's cluster use SCHEMA_REGISTRY_URL, nodes on the pipeline's stored
 * connection use that connection's registry (read once, here).
 */
export async function pipelineRegistryResolver(db: Db, document: PipelineDocument): Promise<(connection: string | undefined) => RegistryCodec | null> {
  const connectionId = pipelineConnection(document);
  const registry = connectionId ? await connectionRegistry(db, connectionId) : null;
  return registryResolver((id) => (id === connectionId ? registry : null));
}
