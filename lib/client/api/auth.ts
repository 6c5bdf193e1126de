import { signedInResponse, type LoginBody, type SessionUser, type SetupBody } from "@/lib/schemas/auth";
import { request } from "../api-client";

/** Sign-in, first-admin setup and sign-out from the browser. */

export type { SessionUser };

/** Signs in; the answer sets the session cookie. */
export async function login(input: LoginBody): Promise<SessionUser> {
  return (await request("POST", "/api/auth/login", { json: input, schema: signedInResponse })).user;
}

/** Creates the first admin and signs them in; refused once anyone has an account. */
export async function setupFirstAdmin(input: SetupBody): Promise<SessionUser> {
  return (await request("POST", "/api/auth/setup", { json: input, schema: signedInResponse })).user;
}

/** Ends this browser session. */
export async function logout(): Promise<void> {
  await request("POST", "/api/auth/logout");
}
