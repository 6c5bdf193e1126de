// GET /api/pipelines/:id/deployments – the pipeline's deployment events, oldest first
import { deploymentLogResponse } from "@/lib/schemas/deployments";
import { handleRoute, respond } from "@/lib/server/api/handle-route";
import { authorize } from "@/lib/server/auth/authorize";
import { listDeploymentLog } from "@/lib/server/deployments/list-deployments";

export const dynamic = "force-dynamic";

export const GET = handleRoute<{ id: string }>(async (request, { id }) => {
  await authorize(request, "viewer");
  return respond(deploymentLogResponse, { events: await listDeploymentLog(id) });
});
