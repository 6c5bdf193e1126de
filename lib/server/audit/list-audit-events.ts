import "server-only";
import type { AuditEventView, AuditQuery } from "@/lib/schemas/audit";
import { getDb } from "../db/prisma";

export type { AuditEventView };

type Row = { action: string; target: string; detail: string };

/**
 * The newest audit events first, `limit` of them, optionally older than the event
 * `before` (for paging) and narrowed by the filters of `GET /api/audit`. Actors and
 * targets are shown by name (pipelines, users, tokens, connections), so the log
 * reads without looking up ids.
 */
export async function listAuditEvents({ limit = 200, before, actor, action, target, from, to }: Partial<AuditQuery> & { limit?: number } = {}): Promise<AuditEventView[]> {
  const db = await getDb();
  const cursor = before ? await db.auditEvent.findUnique({ where: { id: before }, select: { at: true } }) : null;
  const and: object[] = [];
  if (cursor) and.push({ at: { lt: cursor.at } });
  if (from) and.push({ at: { gte: new Date(from) } });
  if (to) and.push({ at: { lte: new Date(to) } });
  if (action) and.push(action.endsWith(".") ? { action: { startsWith: action } } : { action });
  if (actor) {
    const users = await db.user.findMany({ where: { OR: [{ name: { contains: actor } }, { email: { contains: actor.toLowerCase() } }] }, select: { id: true }, take: 500 });
    and.push({ OR: [{ actorLabel: { contains: actor } }, { actorId: { in: users.map((u) => u.id) } }] });
  }
  if (target) and.push({ OR: [{ target: { contains: target } }, { target: { in: await idsNamed(target) } }] });
  const rows = await db.auditEvent.findMany({
    where: and.length > 0 ? { AND: and } : undefined,
    orderBy: [{ at: "desc" }, { id: "desc" }],
    take: Math.min(Math.max(limit, 1), 500),
  });
  const targets = await targetNames(rows);
  const actors = await userNames(rows.map((row) => row.actorId).filter((id): id is string => Boolean(id)));
  return rows.map((row) => ({
    id: row.id,
    at: row.at.toISOString(),
    actorId: row.actorId,
    actor: (row.actorId && actors.get(row.actorId)) || row.actorLabel,
    actorEmail: row.actorLabel,
    via: row.via,
    action: row.action,
    target: row.target,
    targetLabel: targets.get(`${kindOf(row.action)}:${row.target}`) ?? row.target,
    detail: parseDetail(row.detail),
  }));
}

/** What kind of thing an action's target is: its prefix (pipeline, user, token, connection, topic, auth). */
function kindOf(action: string): string {
  return action.split(".")[0] ?? "";
}

/** The ids of pipelines, users, tokens and connections whose name contains `text`, for the target filter. */
async function idsNamed(text: string): Promise<string[]> {
  const db = await getDb();
  const where = { name: { contains: text } };
  const found = await Promise.all([
    db.pipeline.findMany({ where, select: { id: true }, take: 500 }),
    db.user.findMany({ where: { OR: [where, { email: { contains: text.toLowerCase() } }] }, select: { id: true }, take: 500 }),
    db.apiToken.findMany({ where, select: { id: true }, take: 500 }),
    db.kafkaConnection.findMany({ where, select: { id: true }, take: 500 }),
  ]);
  // Deleted pipelines, tokens and connections are named only by the events that created them.
  const created = await db.auditEvent.findMany({ where: { action: { in: ["pipeline.create", "token.create", "connection.create"] }, detail: { contains: text } }, select: { target: true }, take: 500 });
  return [...found.flat().map((row) => row.id), ...created.map((row) => row.target)];
}

/** "kind:id" → name, for the targets of these events; a deleted one is named from the event that created it, with "(deleted)". */
async function targetNames(rows: Row[]): Promise<Map<string, string>> {
  const ids = (kind: string) => [...new Set(rows.filter((row) => kindOf(row.action) === kind && row.target).map((row) => row.target))];
  const db = await getDb();
  const names = new Map<string, string>();
  const put = (kind: string, list: { id: string; name: string }[]) => list.forEach((item) => names.set(`${kind}:${item.id}`, item.name));
  const [pipelines, users, tokens, connections] = [ids("pipeline"), ids("user"), ids("token"), ids("connection")];
  put("pipeline", pipelines.length ? await db.pipeline.findMany({ where: { id: { in: pipelines } }, select: { id: true, name: true } }) : []);
  put("user", users.length ? (await db.user.findMany({ where: { id: { in: users } }, select: { id: true, name: true, email: true } })).map((u) => ({ id: u.id, name: `${u.name} <${u.email}>` })) : []);
  put("token", tokens.length ? await db.apiToken.findMany({ where: { id: { in: tokens } }, select: { id: true, name: true } }) : []);
  put("connection", connections.length ? await db.kafkaConnection.findMany({ where: { id: { in: connections } }, select: { id: true, name: true } }) : []);
  // Gone from the database: the name the creating (or any) event recorded.
  const missing = [...pipelines.map((id) => ["pipeline", id]), ...tokens.map((id) => ["token", id]), ...connections.map((id) => ["connection", id]), ...users.map((id) => ["user", id])].filter(([kind, id]) => !names.has(`${kind}:${id}`));
  if (missing.length > 0) {
    const recorded = await db.auditEvent.findMany({ where: { target: { in: missing.map(([, id]) => id!) } }, select: { action: true, target: true, detail: true } });
    for (const event of [...recorded, ...rows]) {
      const detail = parseDetail(event.detail);
      const name = typeof detail.name === "string" ? detail.name : typeof detail.email === "string" ? detail.email : null;
      const key = `${kindOf(event.action)}:${event.target}`;
      if (name && !names.has(key) && missing.some(([kind, id]) => `${kind}:${id}` === key)) names.set(key, `${name} (deleted)`);
    }
  }
  return names;
}

/** Current names of the users with these ids. */
async function userNames(ids: string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const db = await getDb();
  return new Map((await db.user.findMany({ where: { id: { in: unique } }, select: { id: true, name: true } })).map((u) => [u.id, u.name]));
}

function parseDetail(text: string): Record<string, unknown> {
  try {
    const value = JSON.parse(text);
    return value && typeof value === "object" && !Array.isArray(value) ? value : {};
  } catch {
    return {};
  }
}
