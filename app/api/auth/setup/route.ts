// GET  /api/auth/setup – whether the first admin still has to be created (public)
// POST /api/auth/setup – create the first admin and sign them in; refused once anyone has an account
import { setupBody, setupStatusResponse, signedInResponse } from "@/lib/schemas/auth";
import { handleRoute, respond } from "@/lib/server/api/handle-route";
import { readJsonBody } from "@/lib/server/api/read-json-body";
import { withCookies } from "@/lib/server/api/with-cookies";
import { recordAudit } from "@/lib/server/audit/record-audit";
import { assertSameOrigin } from "@/lib/server/auth/check-origin";
import { login } from "@/lib/server/auth/login";
import { needsSetup, setupAdmin } from "@/lib/server/users/setup-admin";

export const dynamic = "force-dynamic";

export const GET = handleRoute(async () => respond(setupStatusResponse, { needsSetup: await needsSetup() }));

export const POST = handleRoute(async (request) => {
  // Anonymous by nature, so the Origin check is what keeps another site from racing the owner to it.
  assertSameOrigin(request);
  const body = await readJsonBody(request, setupBody);
  const user = await setupAdmin(body);
  await recordAudit({ actor: { userId: user.id, email: user.email, name: user.name, role: user.role, via: "session" }, action: "auth.setup" });
  const { setCookies } = await login(request, { email: body.email, password: body.password });
  return withCookies(respond(signedInResponse, { user }, 201), setCookies);
});
