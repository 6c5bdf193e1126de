// GET /api/pipelines/:id/live[?events=versions] – server-sent events: live metrics and samples of the pipeline's deployment, and saves of new versions
import { handleRoute } from "@/lib/server/api/handle-route";
import { authorize } from "@/lib/server/auth/authorize";
import { openLiveStream } from "@/lib/server/telemetry/live-stream";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export const GET = handleRoute<{ id: string }>(async (request, { id }) => {
  await authorize(request, "viewer");
  return openLiveStream(id, request.signal, { telemetry: new URL(request.url).searchParams.get("events") !== "versions" });
});
