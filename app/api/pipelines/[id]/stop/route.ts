// POST /api/pipelines/:id/stop – stop the running deployment (202), keeping offsets and state
import { deploymentResponse } from "@/lib/schemas/deployments";
import { handleRoute, respond } from "@/lib/server/api/handle-route";
import { authorize } from "@/lib/server/auth/authorize";
import { recordAudit } from "@/lib/server/audit/record-audit";
import { stopPipeline } from "@/lib/server/deployments/stop-pipeline";

export const dynamic = "force-dynamic";

export const POST = handleRoute<{ id: string }>(async (request, { id }) => {
  const principal = await authorize(request, "editor");
  const deployment = await stopPipeline(id);
  await recordAudit({ actor: principal, action: "pipeline.stop", target: id, detail: { version: deployment.version } });
  return respond(deploymentResponse, { deployment }, 202);
});
