// GET /api/pipelines/:id/status – the current deployment and what the engine reports about it
import { handleRoute, json } from "@/lib/server/api/handle-route";
import { getDeploymentStatus } from "@/lib/server/deployments/get-deployment-status";

export const dynamic = "force-dynamic";

export const GET = handleRoute<{ id: string }>(async (_request, { id }) => json(await getDeploymentStatus(id)));
