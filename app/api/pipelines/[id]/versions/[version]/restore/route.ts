// POST /api/pipelines/:id/versions/:n/restore – save version n's graph as the newest version (201)
import { pipelineResponse } from "@/lib/schemas/pipelines";
import { restoreVersionBody } from "@/lib/schemas/versions";
import { handleRoute, respond } from "@/lib/server/api/handle-route";
import { readOptionalJsonBody } from "@/lib/server/api/read-json-body";
import { authorize } from "@/lib/server/auth/authorize";
import { recordAudit } from "@/lib/server/audit/record-audit";
import { restoreVersion } from "@/lib/server/pipelines/restore-version";

export const dynamic = "force-dynamic";

export const POST = handleRoute<{ id: string; version: string }>(async (request, { id, version }) => {
  const principal = await authorize(request, "editor");
  const body = await readOptionalJsonBody(request, restoreVersionBody);
  const pipeline = await restoreVersion(id, version, body, principal);
  await recordAudit({ actor: principal, action: "pipeline.restore", target: id, detail: { name: pipeline.name, from: Number(version), version: pipeline.version } });
  return respond(pipelineResponse, { pipeline }, 201);
});
