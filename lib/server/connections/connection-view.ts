import type { ConnectionView, SaslMechanism } from "@/lib/schemas/connections";

export type { ConnectionView };

type Row = { id: string; name: string; brokers: string; saslMechanism: string; username: string; passwordEncrypted: string; tls: boolean; caPem: string; registryUrl: string; registryUsername: string; registryPasswordEncrypted: string; createdAt: Date; updatedAt: Date };

/** The public shape of a stored connection. */
export function toConnectionView(row: Row): ConnectionView {
  return {
    id: row.id,
    name: row.name,
    brokers: JSON.parse(row.brokers) as string[],
    saslMechanism: row.saslMechanism as SaslMechanism,
    username: row.username,
    hasPassword: row.passwordEncrypted !== "",
    tls: row.tls,
    hasCa: row.caPem !== "",
    // A CA certificate is public by nature; it is shown so admins can check which one is set.
    caPem: row.caPem,
    registryUrl: row.registryUrl,
    registryUsername: row.registryUsername,
    hasRegistryPassword: row.registryPasswordEncrypted !== "",
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
