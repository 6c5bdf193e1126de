// POST /api/pipelines/:id/deploy – deploy the latest saved version (202)
import { deployPipelineBody, deploymentResponse } from "@/lib/schemas/deployments";
import { handleRoute, respond } from "@/lib/server/api/handle-route";
import { authorize } from "@/lib/server/auth/authorize";
import { recordAudit } from "@/lib/server/audit/record-audit";
import { readOptionalJsonBody } from "@/lib/server/api/read-json-body";
import { deployPipeline } from "@/lib/server/deployments/deploy-pipeline";

export const dynamic = "force-dynamic";

export const POST = handleRoute<{ id: string }>(async (request, { id }) => {
  const principal = await authorize(request, "editor");
  const body = await readOptionalJsonBody(request, deployPipelineBody);
  const deployment = await deployPipeline(id, body);
  await recordAudit({ actor: principal, action: "pipeline.deploy", target: id, detail: { version: deployment.version, guarantee: deployment.guarantee, reset: body.reset === true } });
  return respond(deploymentResponse, { deployment }, 202);
});
