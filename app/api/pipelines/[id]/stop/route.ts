// POST /api/pipelines/:id/stop – stop the running deployment (202), keeping offsets and state
import { handleRoute, json } from "@/lib/server/api/handle-route";
import { stopPipeline } from "@/lib/server/deployments/stop-pipeline";

export const dynamic = "force-dynamic";

export const POST = handleRoute<{ id: string }>(async (_request, { id }) => json({ deployment: await stopPipeline(id) }, 202));
