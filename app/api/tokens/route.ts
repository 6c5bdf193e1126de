// GET  /api/tokens – the signed-in user's API tokens (never their secrets)
// POST /api/tokens – create a token; its secret is in this answer only
import { createTokenBody, createdTokenResponse, tokenListResponse } from "@/lib/schemas/tokens";
import { handleRoute, respond } from "@/lib/server/api/handle-route";
import { readJsonBody } from "@/lib/server/api/read-json-body";
import { recordAudit } from "@/lib/server/audit/record-audit";
import { authorize } from "@/lib/server/auth/authorize";
import { createApiToken } from "@/lib/server/tokens/create-api-token";
import { listApiTokens } from "@/lib/server/tokens/list-api-tokens";

export const dynamic = "force-dynamic";

export const GET = handleRoute(async (request) => {
  const principal = await authorize(request, "viewer", { sessionOnly: true });
  return respond(tokenListResponse, { tokens: await listApiTokens(principal) });
});

export const POST = handleRoute(async (request) => {
  const principal = await authorize(request, "viewer", { sessionOnly: true });
  const body = await readJsonBody(request, createTokenBody);
  const { token, secret } = await createApiToken(principal, body);
  await recordAudit({ actor: principal, action: "token.create", target: token.id, detail: { name: token.name, role: token.role } });
  return respond(createdTokenResponse, { token, secret }, 201);
});
