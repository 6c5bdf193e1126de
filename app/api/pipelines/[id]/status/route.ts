// GET /api/pipelines/:id/status – the current deployment and what the engine reports about it
import { deploymentStatusResponse } from "@/lib/schemas/deployments";
import { handleRoute, respond } from "@/lib/server/api/handle-route";
import { authorize } from "@/lib/server/auth/authorize";
import { getDeploymentStatus } from "@/lib/server/deployments/get-deployment-status";

export const dynamic = "force-dynamic";

export const GET = handleRoute<{ id: string }>(async (request, { id }) => {
  await authorize(request, "viewer");
  return respond(deploymentStatusResponse, await getDeploymentStatus(id));
});
