import "server-only";
import { verifyPassword } from "better-auth/crypto";
import { toRole, type LoginBody, type SessionUser } from "@/lib/schemas/auth";
import { ApiError } from "../api/api-error";
import { recordAudit } from "../audit/record-audit";
import { getDb } from "../db/prisma";
import { hashUserPassword } from "../users/insert-user";
import { getAuth } from "./better-auth";
import { checkLoginAllowed, clearAccountFailures, clientAddress, recordLoginFailure } from "./login-rate-limit";

/**
 * Signs in with e-mail and password through Better Auth and returns the
 * session cookie to set. Wrong credentials and disabled accounts get the same
 * 401, so the answer does not tell which e-mail addresses have accounts.
 */
export async function login(request: Request, body: LoginBody): Promise<{ setCookies: string[]; user: SessionUser }> {
  const client = clientAddress(request);
  checkLoginAllowed(body.email, client);
  const db = await getDb();
  const user = await db.user.findUnique({ where: { email: body.email } });
  let response: Response | null = null;
  if (user && !user.disabled) {
    response = await getAuth().api.signInEmail({
      body: { email: body.email, password: body.password, rememberMe: true },
      headers: new Headers({ "user-agent": request.headers.get("user-agent") ?? "", "x-forwarded-for": client }),
      asResponse: true,
    });
  }
  // Without an account to check, hash anyway: the answer takes as long whether or not the e-mail exists.
  else await verifyPassword({ hash: await dummyHash(), password: body.password });
  if (!user || user.disabled || !response?.ok) {
    recordLoginFailure(body.email, client);
    await recordAudit({ actor: null, actorLabel: body.email, action: "auth.login_failed", detail: { client } });
    throw new ApiError(401, "unauthorized", "The e-mail address or password is wrong");
  }
  clearAccountFailures(body.email);
  await recordAudit({ actor: { userId: user.id, email: user.email, name: user.name, role: toRole(user.role), via: "session" }, action: "auth.login", detail: { client } });
  return { setCookies: response.headers.getSetCookie(), user: { id: user.id, name: user.name, email: user.email, role: toRole(user.role) } };
}

let dummy: Promise<string> | undefined;
function dummyHash(): Promise<string> {
  return (dummy ??= hashUserPassword("not a password of anyone's"));
}
