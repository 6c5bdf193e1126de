/** Adds `Set-Cookie` headers (e.g. a new or cleared session) to a response. */
export function withCookies(response: Response, cookies: readonly string[]): Response {
  for (const cookie of cookies) response.headers.append("set-cookie", cookie);
  return response;
}
