import type { Role } from "@/lib/schemas/auth";

/** An account as the users API returns it. */
export type UserAccount = { id: string; name: string; email: string; role: Role; disabled: boolean; createdAt: string };

/** An API token as the tokens API returns it: never its secret after creation. */
export type ApiTokenInfo = { id: string; name: string; prefix: string; role: Role; createdAt: string; lastUsedAt: string | null; revokedAt: string | null };

/** One audit log entry. */
export type AuditEventInfo = { id: string; at: string; actorId: string | null; actor: string; via: string; action: string; target: string; targetLabel: string; detail: Record<string, unknown> };

/** Labels of the roles with what each may do, for role pickers. */
export const roleOptions: readonly { value: Role; label: string; description: string }[] = [
  { value: "viewer", label: "Viewer", description: "reads pipelines and monitors them" },
  { value: "editor", label: "Editor", description: "also edits, previews, deploys and stops" },
  { value: "admin", label: "Admin", description: "also manages users, Kafka connections and the audit log" },
];

/** A stored Kafka connection as the API returns it: never its password. */
export type KafkaConnectionInfo = {
  id: string;
  name: string;
  brokers: string[];
  saslMechanism: "none" | "plain" | "scram-sha-256" | "scram-sha-512";
  username: string;
  hasPassword: boolean;
  tls: boolean;
  hasCa: boolean;
  caPem: string;
  createdAt: string;
  updatedAt: string;
};
