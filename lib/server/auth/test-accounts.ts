import type { Role } from "@/lib/schemas/auth";
import { createApiToken } from "../tokens/create-api-token";
import { createUser } from "../users/create-user";
import { login } from "./login";

/** The origin test requests pretend to come from; the handlers see `http://localhost/...` URLs. */
export const testOrigin = "http://localhost";

export type TestAccount = {
  userId: string;
  email: string;
  password: string;
  role: Role;
  /** A `Cookie` header value carrying a real signed session. */
  cookie: string;
  /** A bearer token with the account's role. */
  token: string;
};

let counter = 0;

/**
 * Creates an account with `role` through the same server functions the API
 * uses, signs it in through Better Auth and mints an API token for it. For
 * tests that call route handlers: there is no test-only way past the checks.
 */
export async function createTestAccount(role: Role, name: string = role): Promise<TestAccount> {
  counter += 1;
  const email = `${name}-${counter}-${Date.now().toString(36)}@example.test`;
  const password = `correct horse ${counter} battery staple`;
  const user = await createUser({ name, email, password, role });
  const request = new Request(`${testOrigin}/api/auth/login`, { method: "POST", headers: { origin: testOrigin } });
  const { setCookies } = await login(request, { email, password });
  const cookie = setCookies.map((header) => header.split(";")[0]).join("; ");
  const principal = { userId: user.id, email, name, role, via: "session" as const };
  const { secret } = await createApiToken(principal, { name: `${name} test token` });
  return { userId: user.id, email, password, role, cookie, token: secret };
}

/** Headers that authenticate a request with the account's API token. */
export function bearer(account: Pick<TestAccount, "token">): Record<string, string> {
  return { authorization: `Bearer ${account.token}` };
}

/** Headers that authenticate a request with the account's session cookie, from the app's own origin. */
export function sessionHeaders(account: Pick<TestAccount, "cookie">): Record<string, string> {
  return { cookie: account.cookie, origin: testOrigin };
}
