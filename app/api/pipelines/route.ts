// GET  /api/pipelines – list pipelines
// POST /api/pipelines – create a pipeline with its first version
import { createPipelineBody, pipelineListResponse, pipelineResponse } from "@/lib/schemas/pipelines";
import { handleRoute, respond } from "@/lib/server/api/handle-route";
import { authorize } from "@/lib/server/auth/authorize";
import { recordAudit } from "@/lib/server/audit/record-audit";
import { readJsonBody } from "@/lib/server/api/read-json-body";
import { createPipeline } from "@/lib/server/pipelines/create-pipeline";
import { listPipelines } from "@/lib/server/pipelines/list-pipelines";

export const dynamic = "force-dynamic";

export const GET = handleRoute(async (request) => {
  await authorize(request, "viewer");
  return respond(pipelineListResponse, { pipelines: await listPipelines() });
});

export const POST = handleRoute(async (request) => {
  const principal = await authorize(request, "editor");
  const body = await readJsonBody(request, createPipelineBody);
  const pipeline = await createPipeline(body);
  await recordAudit({ actor: principal, action: "pipeline.create", target: pipeline.id, detail: { name: pipeline.name } });
  return respond(pipelineResponse, { pipeline }, 201);
});
