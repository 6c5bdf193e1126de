// POST /api/auth/logout – end this browser session and clear its cookie
import { handleRoute } from "@/lib/server/api/handle-route";
import { withCookies } from "@/lib/server/api/with-cookies";
import { recordAudit } from "@/lib/server/audit/record-audit";
import { authorize } from "@/lib/server/auth/authorize";
import { logout } from "@/lib/server/auth/logout";

export const dynamic = "force-dynamic";

export const POST = handleRoute(async (request) => {
  const principal = await authorize(request, "viewer", { sessionOnly: true });
  const cookies = await logout(request);
  await recordAudit({ actor: principal, action: "auth.logout" });
  return withCookies(new Response(null, { status: 204 }), cookies);
});
