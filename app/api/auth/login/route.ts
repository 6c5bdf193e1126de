// POST /api/auth/login – sign in with e-mail and password; sets the session cookie (rate-limited)
import { loginBody, signedInResponse } from "@/lib/schemas/auth";
import { handleRoute, respond } from "@/lib/server/api/handle-route";
import { readJsonBody } from "@/lib/server/api/read-json-body";
import { withCookies } from "@/lib/server/api/with-cookies";
import { assertSameOrigin } from "@/lib/server/auth/check-origin";
import { login } from "@/lib/server/auth/login";

export const dynamic = "force-dynamic";

export const POST = handleRoute(async (request) => {
  // Login CSRF: another site must not sign the browser in to an account of its choosing.
  assertSameOrigin(request);
  const body = await readJsonBody(request, loginBody);
  const { setCookies, user } = await login(request, body);
  return withCookies(respond(signedInResponse, { user }), setCookies);
});
