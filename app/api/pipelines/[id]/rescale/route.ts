// POST /api/pipelines/:id/rescale – restart the running Flink deployment at a new parallelism from a savepoint (202)
import { deployResponse, rescalePipelineBody } from "@/lib/schemas/deployments";
import { handleRoute, respond } from "@/lib/server/api/handle-route";
import { readJsonBody } from "@/lib/server/api/read-json-body";
import { authorize } from "@/lib/server/auth/authorize";
import { recordAudit } from "@/lib/server/audit/record-audit";
import { rescalePipeline } from "@/lib/server/deployments/rescale-pipeline";

export const dynamic = "force-dynamic";

export const POST = handleRoute<{ id: string }>(async (request, { id }) => {
  const principal = await authorize(request, "editor");
  const body = await readJsonBody(request, rescalePipelineBody);
  const { deployment, plan } = await rescalePipeline(id, body);
  await recordAudit({ actor: principal, action: "pipeline.rescale", target: id, detail: { version: deployment?.version, parallelism: body.parallelism } });
  return respond(deployResponse, { deployment, plan }, 202);
});
