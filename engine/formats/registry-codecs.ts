import { categoryOf } from "../operators/registry";
import { disabledEffect } from "../graph/disabled-nodes";
import type { PipelineDocument } from "../graph/pipeline-document";
import { RegistryCodec } from "./registry-codec";
import { isRegistryFormat, type RegistryConnection } from "./registry-formats";

/**
 * The Schema Registry of the server's own cluster, from the environment:
 * `SCHEMA_REGISTRY_URL` (the Confluent-compatible API, e.g. Apicurio's
 * `/apis/ccompat/v7`), with `SCHEMA_REGISTRY_USERNAME` / `SCHEMA_REGISTRY_PASSWORD`
 * for basic auth. Null when unset.
 */
export function serverRegistryConnection(env: Record<string, string | undefined> = process.env): RegistryConnection | null {
  const url = env.SCHEMA_REGISTRY_URL?.trim();
  if (!url) return null;
  return { url, username: env.SCHEMA_REGISTRY_USERNAME || undefined, password: env.SCHEMA_REGISTRY_PASSWORD || undefined };
}

const codecs = new Map<string, RegistryCodec>();

/** One codec (and so one schema cache) per registry and login, shared by the pipelines of this process. */
export function codecFor(connection: RegistryConnection): RegistryCodec {
  const key = `${connection.url}\u0000${connection.username ?? ""}\u0000${connection.password ?? ""}`;
  let codec = codecs.get(key);
  if (!codec) codecs.set(key, (codec = new RegistryCodec(connection)));
  return codec;
}

/**
 * How a pipeline finds the codec of a node: nodes on the server's cluster use
 * SCHEMA_REGISTRY_URL; nodes on a stored Kafka connection use that
 * connection's registry (`connectionRegistry`, when the caller can read it).
 */
export function registryResolver(connectionRegistry?: (connectionId: string) => RegistryConnection | null): (connection: string | undefined) => RegistryCodec | null {
  return (connection) => {
    const registry = connection ? (connectionRegistry?.(connection) ?? null) : serverRegistryConnection();
    return registry ? codecFor(registry) : null;
  };
}

/** True when some source or sink of the document reads or writes a registry format (a disabled sink writes nothing). */
export function usesRegistry(document: PipelineDocument): boolean {
  return document.nodes.some(
    (node) => (categoryOf(node.type) === "source" || categoryOf(node.type) === "sink") && disabledEffect(node) === null && isRegistryFormat(String(node.data.format)),
  );
}
