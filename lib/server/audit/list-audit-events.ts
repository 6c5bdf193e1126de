import "server-only";
import type { AuditEventView } from "@/lib/schemas/audit";
import { getDb } from "../db/prisma";

export type { AuditEventView };

/** The newest audit events first, `limit` of them, optionally older than the event `before` (for paging). */
export async function listAuditEvents({ limit = 200, before }: { limit?: number; before?: string } = {}): Promise<AuditEventView[]> {
  const db = await getDb();
  const cursor = before ? await db.auditEvent.findUnique({ where: { id: before }, select: { at: true } }) : null;
  const rows = await db.auditEvent.findMany({
    where: cursor ? { at: { lt: cursor.at } } : undefined,
    orderBy: [{ at: "desc" }, { id: "desc" }],
    take: Math.min(Math.max(limit, 1), 500),
  });
  return rows.map((row) => ({
    id: row.id,
    at: row.at.toISOString(),
    actorId: row.actorId,
    actor: row.actorLabel,
    via: row.via,
    action: row.action,
    target: row.target,
    detail: parseDetail(row.detail),
  }));
}

function parseDetail(text: string): Record<string, unknown> {
  try {
    const value = JSON.parse(text);
    return value && typeof value === "object" && !Array.isArray(value) ? value : {};
  } catch {
    return {};
  }
}
