// POST /api/pipelines/:id/deploy – deploy the latest saved version (202)
import { deployPipelineBody } from "@/lib/schemas/pipelines";
import { handleRoute, json } from "@/lib/server/api/handle-route";
import { readOptionalJsonBody } from "@/lib/server/api/read-json-body";
import { deployPipeline } from "@/lib/server/deployments/deploy-pipeline";

export const dynamic = "force-dynamic";

export const POST = handleRoute<{ id: string }>(async (request, { id }) => {
  const body = await readOptionalJsonBody(request, deployPipelineBody);
  return json({ deployment: await deployPipeline(id, body) }, 202);
});
