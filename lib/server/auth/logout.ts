import "server-only";
import { getAuth } from "./better-auth";

/** Ends the request's session (its row is deleted) and returns the cookies that clear it in the browser. */
export async function logout(request: Request): Promise<string[]> {
  const response = await getAuth().api.signOut({ headers: request.headers, asResponse: true });
  return response.headers.getSetCookie();
}
