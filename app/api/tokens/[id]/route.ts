// DELETE /api/tokens/:id – revoke an API token (yours; an admin may revoke anyone's)
import { tokenResponse } from "@/lib/schemas/tokens";
import { handleRoute, respond } from "@/lib/server/api/handle-route";
import { recordAudit } from "@/lib/server/audit/record-audit";
import { authorize } from "@/lib/server/auth/authorize";
import { revokeApiToken } from "@/lib/server/tokens/revoke-api-token";

export const dynamic = "force-dynamic";

export const DELETE = handleRoute<{ id: string }>(async (request, { id }) => {
  const principal = await authorize(request, "viewer", { sessionOnly: true });
  const token = await revokeApiToken(principal, id);
  await recordAudit({ actor: principal, action: "token.revoke", target: id, detail: { name: token.name } });
  return respond(tokenResponse, { token });
});
