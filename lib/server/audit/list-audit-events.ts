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
  const names = await pipelineNames(rows.filter((row) => row.action.startsWith("pipeline.") && row.target).map((row) => row.target));
  return rows.map((row) => ({
    id: row.id,
    at: row.at.toISOString(),
    actorId: row.actorId,
    actor: row.actorLabel,
    via: row.via,
    action: row.action,
    target: row.target,
    targetLabel: (row.action.startsWith("pipeline.") && names.get(row.target)) || row.target,
    detail: parseDetail(row.detail),
  }));
}

/** Names of the pipelines with these ids: current names, and for deleted ones the name their creation recorded. */
async function pipelineNames(ids: string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const db = await getDb();
  const names = new Map((await db.pipeline.findMany({ where: { id: { in: unique } }, select: { id: true, name: true } })).map((p) => [p.id, p.name]));
  const missing = unique.filter((id) => !names.has(id));
  if (missing.length > 0) {
    const created = await db.auditEvent.findMany({ where: { action: "pipeline.create", target: { in: missing } }, select: { target: true, detail: true } });
    for (const event of created) {
      const name = parseDetail(event.detail).name;
      if (typeof name === "string") names.set(event.target, `${name} (deleted)`);
    }
  }
  return names;
}

function parseDetail(text: string): Record<string, unknown> {
  try {
    const value = JSON.parse(text);
    return value && typeof value === "object" && !Array.isArray(value) ? value : {};
  } catch {
    return {};
  }
}
