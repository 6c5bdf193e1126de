import { createServer, type Server } from "node:http";
import { readdirSync, statSync } from "node:fs";
import path from "node:path";

type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;
type Route = { pattern: RegExp; names: string[]; file: string };

/**
 * Serves the app's API route handlers (every app/api/**\/route.ts found on
 * disk) over HTTP on a loopback port, for tests that drive the API from
 * another process (the CLI). The handlers, database and auth are the real
 * ones; only Next's router is replaced by matching the folder names.
 */
export async function serveApiRoutes(load: (file: string) => Promise<Record<string, unknown>>): Promise<{ url: string; close: () => Promise<void> }> {
  const apiDir = path.join(process.cwd(), "app", "api");
  const routes: Route[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir)) {
      const full = path.join(dir, entry);
      if (statSync(full).isDirectory()) walk(full);
      else if (entry === "route.ts") {
        const segments = path.relative(apiDir, dir).split(path.sep).filter(Boolean);
        const names: string[] = [];
        const source = segments.map((s) => (s.startsWith("[") ? (names.push(s.slice(1, -1)), "([^/]+)") : s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))).join("/");
        routes.push({ pattern: new RegExp(`^/api${source ? `/${source}` : ""}$`), names, file: full });
      }
    }
  };
  walk(apiDir);
  // Static segments before dynamic ones, as Next matches them (`/api/pipelines/import` before `/api/pipelines/[id]`).
  routes.sort((a, b) => a.names.length - b.names.length);

  const server: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const url = new URL(req.url ?? "/", "http://localhost");
    const route = routes.find((r) => r.pattern.test(url.pathname));
    const handler = route ? ((await load(route.file))[req.method ?? "GET"] as Handler | undefined) : undefined;
    if (!route || !handler) {
      res.writeHead(404, { "content-type": "application/json" }).end(JSON.stringify({ error: { code: "not_found", message: `No route for ${req.method} ${url.pathname}` } }));
      return;
    }
    const match = route.pattern.exec(url.pathname)!;
    const params = Object.fromEntries(route.names.map((name, i) => [name, decodeURIComponent(match[i + 1]!)]));
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) if (typeof value === "string") headers.set(name, value);
    const body = chunks.length > 0 && req.method !== "GET" ? Buffer.concat(chunks) : undefined;
    const response = await handler(new Request(`http://localhost${url.pathname}${url.search}`, { method: req.method, headers, body }), { params: Promise.resolve(params) });
    res.writeHead(response.status, Object.fromEntries(response.headers.entries()));
    res.end(Buffer.from(await response.arrayBuffer()));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address() as { port: number };
  return { url: `http://127.0.0.1:${address.port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
