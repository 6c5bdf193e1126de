// GET /api/audit – the audit log, newest first (admin); `?before=<event id>` pages back; `actor`, `action`, `target`, `from`, `to` filter it
import { auditListResponse, auditQuery } from "@/lib/schemas/audit";
import { handleRoute, respond } from "@/lib/server/api/handle-route";
import { isWellFormed } from "@/lib/server/api/well-formed";
import { authorize } from "@/lib/server/auth/authorize";
import { listAuditEvents } from "@/lib/server/audit/list-audit-events";
import { readTopicQuery as readQuery } from "@/lib/server/topics/read-topic-query";

export const dynamic = "force-dynamic";

export const GET = handleRoute(async (request) => {
  await authorize(request, "admin");
  const { before, ...filters } = readQuery(request, auditQuery);
  return respond(auditListResponse, { events: await listAuditEvents({ ...filters, before: before && isWellFormed(before) ? before : undefined }) });
});
