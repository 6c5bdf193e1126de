// GET /api/audit – the audit log, newest first (admin); `?before=<event id>` pages back
import { auditListResponse } from "@/lib/schemas/audit";
import { handleRoute, respond } from "@/lib/server/api/handle-route";
import { isWellFormed } from "@/lib/server/api/well-formed";
import { authorize } from "@/lib/server/auth/authorize";
import { listAuditEvents } from "@/lib/server/audit/list-audit-events";

export const dynamic = "force-dynamic";

export const GET = handleRoute(async (request) => {
  await authorize(request, "admin");
  const cursor = new URL(request.url).searchParams.get("before")?.slice(0, 100);
  const before = cursor && isWellFormed(cursor) ? cursor : undefined;
  return respond(auditListResponse, { events: await listAuditEvents({ before }) });
});
