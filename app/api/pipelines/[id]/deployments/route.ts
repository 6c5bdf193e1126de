// GET /api/pipelines/:id/deployments – the pipeline's deployment events, oldest first
import { handleRoute, json } from "@/lib/server/api/handle-route";
import { authorize } from "@/lib/server/auth/authorize";
import { listDeploymentLog } from "@/lib/server/deployments/list-deployments";

export const dynamic = "force-dynamic";

export const GET = handleRoute<{ id: string }>(async (request, { id }) => {
  await authorize(request, "viewer");
  return json({ events: await listDeploymentLog(id) });
});
