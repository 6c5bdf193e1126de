// GET /metrics – Prometheus text format: per-node throughput, errors, latency, state, lag
import { handleRoute } from "@/lib/server/api/handle-route";
import { authorize } from "@/lib/server/auth/authorize";
import { renderPrometheus } from "@/lib/server/telemetry/prometheus";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export const GET = handleRoute(async (request) => {
  // Pipeline names and throughput are not public: Prometheus scrapes with a viewer API token
  // (`authorization: { credentials: <token> }` in its scrape config).
  await authorize(request, "viewer");
  const { contentType, text } = await renderPrometheus();
  return new Response(text, { headers: { "content-type": contentType } });
});
