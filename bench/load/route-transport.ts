import type { Transport } from "./load-clients";

type Handler = (request: Request, context: { params: Promise<any> }) => Promise<Response>;
type RouteModule = Record<string, unknown>;

/**
 * Calls the pipeline route handlers in this process, as Next would route them:
 * the load test's and the engine tests' way to use the real API without a
 * production build. `auth` are the headers every request carries (a bearer token).
 */
export async function routeTransport(auth: Record<string, string>): Promise<Transport> {
  const routes: [RegExp, RouteModule][] = [
    [/^\/api\/pipelines$/, await import("@/app/api/pipelines/route")],
    [/^\/api\/pipelines\/([^/]+)$/, await import("@/app/api/pipelines/[id]/route")],
    [/^\/api\/pipelines\/([^/]+)\/deploy$/, await import("@/app/api/pipelines/[id]/deploy/route")],
    [/^\/api\/pipelines\/([^/]+)\/stop$/, await import("@/app/api/pipelines/[id]/stop/route")],
    [/^\/api\/pipelines\/([^/]+)\/status$/, await import("@/app/api/pipelines/[id]/status/route")],
  ];
  return async (method, url, body) => {
    const found = routes.map(([pattern, module]) => [pattern.exec(url), module] as const).find(([match]) => match);
    if (!found) throw new Error(`No route for ${url}`);
    const [match, module] = found;
    const request = new Request(`http://localhost${url}`, {
      method,
      headers: { ...auth, ...(body === undefined ? {} : { "content-type": "application/json" }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const response = await (module[method] as Handler)(request, { params: Promise.resolve(match![1] ? { id: match![1] } : {}) });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : null, headers: response.headers };
  };
}
