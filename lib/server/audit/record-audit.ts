import "server-only";
import { randomUUID } from "node:crypto";
import type { Principal } from "../auth/principal";
import { getDb } from "../db/prisma";

/** The actions the audit log records. */
export type AuditAction =
  | "auth.setup"
  | "auth.login"
  | "auth.login_failed"
  | "auth.logout"
  | "user.create"
  | "user.update"
  | "token.create"
  | "token.revoke"
  | "pipeline.create"
  | "pipeline.save"
  | "pipeline.update"
  | "pipeline.delete"
  | "pipeline.deploy"
  | "pipeline.rescale"
  | "pipeline.stop"
  | "pipeline.restore"
  | "pipeline.import"
  | "pipeline.reset_offsets"
  | "connection.create"
  | "connection.update"
  | "connection.delete"
  | "topic.create"
  | "topic.produce"
  | "topic.read";

type AuditEntry = {
  /** Who acted; null for an attempt by someone not signed in, named by `actorLabel`. */
  actor: Principal | null;
  actorLabel?: string;
  action: AuditAction;
  target?: string;
  /** Small, non-secret facts: changed field names, a version number. Never passwords or tokens. */
  detail?: Record<string, unknown>;
};

/** Appends one event to the audit log. */
export async function recordAudit({ actor, actorLabel, action, target = "", detail = {} }: AuditEntry): Promise<void> {
  const db = await getDb();
  await db.auditEvent.create({
    data: {
      id: randomUUID(),
      actorId: actor?.userId ?? null,
      actorLabel: (actor?.email ?? actorLabel ?? "anonymous").slice(0, 254),
      via: actor?.via ?? "session",
      action,
      target: target.slice(0, 200),
      detail: JSON.stringify(detail).slice(0, 2000),
    },
  });
}
