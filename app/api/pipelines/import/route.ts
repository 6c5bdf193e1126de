// POST /api/pipelines/import – create or update a pipeline by name from a file (201 created, 200 updated or unchanged); dryRun: what would change
import { roleAtLeast } from "@/lib/schemas/auth";
import { importPipelineBody, importResponse } from "@/lib/schemas/versions";
import { ApiError } from "@/lib/server/api/api-error";
import { handleRoute, respond } from "@/lib/server/api/handle-route";
import { readJsonBody } from "@/lib/server/api/read-json-body";
import { authorize } from "@/lib/server/auth/authorize";
import { recordAudit } from "@/lib/server/audit/record-audit";
import { importPipeline } from "@/lib/server/pipelines/import-pipeline";

export const dynamic = "force-dynamic";

export const POST = handleRoute(async (request) => {
  // A dry run changes nothing, so a viewer may ask (`streamline diff` in review); applying needs an editor.
  const principal = await authorize(request, "viewer");
  const body = await readJsonBody(request, importPipelineBody);
  if (!body.dryRun && !roleAtLeast(principal.role, "editor")) throw new ApiError(403, "forbidden", `This needs the editor role; you are signed in as ${principal.role}`);
  const result = await importPipeline(body, principal);
  if (!body.dryRun && result.action !== "none" && result.pipeline) {
    await recordAudit({ actor: principal, action: "pipeline.import", target: result.pipeline.id, detail: { name: result.pipeline.name, action: result.action, version: result.pipeline.version } });
  }
  return respond(importResponse, result, result.action === "create" && !body.dryRun ? 201 : 200);
});
