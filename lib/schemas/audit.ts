import { z } from "zod";

/** The audit log API (`GET /api/audit`, admins only): its answer, shared by the route and the browser's client. */

/** One audit event: who (`actor`, through `via`: session or token) did what (`action`) to what (`target`). */
export const auditEventView = z.object({
  id: z.string(),
  at: z.string(),
  actorId: z.string().nullable(),
  actor: z.string(),
  via: z.string(),
  action: z.string(),
  target: z.string(),
  detail: z.record(z.string(), z.unknown()),
});

/** The newest 200 events, or those older than `?before=<event id>`. */
export const auditListResponse = z.object({ events: z.array(auditEventView) });

export type AuditEventView = z.infer<typeof auditEventView>;
