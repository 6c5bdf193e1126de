import { z } from "zod";

/** The audit log API (`GET /api/audit`, admins only): its answer, shared by the route and the browser's client. */

/** One audit event: who (`actor`, through `via`: session or token) did what (`action`) to what (`target`). */
export const auditEventView = z.object({
  id: z.string(),
  at: z.string(),
  actorId: z.string().nullable(),
  /** The actor's name (their current one), or the e-mail recorded when the user no longer exists or for an anonymous attempt. */
  actor: z.string(),
  /** The e-mail recorded with the event. */
  actorEmail: z.string(),
  via: z.string(),
  action: z.string(),
  target: z.string(),
  /** What `target` names, for people: a pipeline's, user's, token's or connection's name (current, or "<name> (deleted)"); otherwise `target`. */
  targetLabel: z.string(),
  detail: z.record(z.string(), z.unknown()),
});

const text = z.string().trim().max(200).optional();
const time = z.iso.datetime({ offset: true, error: "A time must be ISO 8601 with a zone, e.g. 2026-12-02T10:00:00Z" }).optional();

/**
 * `GET /api/audit?before=&actor=&action=&target=&from=&to=`: the filters, each optional.
 * `actor` matches the actor's name or e-mail (contains), `action` an action or a group
 * (`pipeline.` matches every pipeline action), `target` the target's id or name (contains),
 * `from`/`to` bound the time (inclusive).
 */
export const auditQuery = z.object({
  before: z.string().max(100).optional(),
  actor: text,
  action: z.string().trim().max(64).regex(/^[a-z_.]*$/, "An action is like 'pipeline.deploy' or a group like 'pipeline.'").optional(),
  target: text,
  from: time,
  to: time,
});

export type AuditQuery = z.infer<typeof auditQuery>;

/** The newest 200 events matching the filters, or those older than `?before=<event id>`. */
export const auditListResponse = z.object({ events: z.array(auditEventView) });

export type AuditEventView = z.infer<typeof auditEventView>;
