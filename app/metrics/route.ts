// GET /metrics – Prometheus text format: per-node throughput, errors, latency, state, lag
import { handleRoute } from "@/lib/server/api/handle-route";
import { renderPrometheus } from "@/lib/server/telemetry/prometheus";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export const GET = handleRoute(async () => {
  const { contentType, text } = await renderPrometheus();
  return new Response(text, { headers: { "content-type": contentType } });
});
