// GET    /api/pipelines/:id – the pipeline with its latest graph
// PUT    /api/pipelines/:id – save a new version of the graph
// PATCH  /api/pipelines/:id – rename or describe, without a new version
// DELETE /api/pipelines/:id – delete the pipeline and its versions
import { pipelineResponse, savePipelineBody, updatePipelineBody } from "@/lib/schemas/pipelines";
import { handleRoute, respond } from "@/lib/server/api/handle-route";
import { authorize } from "@/lib/server/auth/authorize";
import { recordAudit } from "@/lib/server/audit/record-audit";
import { readJsonBody } from "@/lib/server/api/read-json-body";
import { deletePipeline } from "@/lib/server/pipelines/delete-pipeline";
import { getPipeline } from "@/lib/server/pipelines/get-pipeline";
import { savePipelineVersion } from "@/lib/server/pipelines/save-pipeline-version";
import { updatePipeline } from "@/lib/server/pipelines/update-pipeline";

type Params = { id: string };

export const dynamic = "force-dynamic";

export const GET = handleRoute<Params>(async (request, { id }) => {
  await authorize(request, "viewer");
  return respond(pipelineResponse, { pipeline: await getPipeline(id) });
});

export const PUT = handleRoute<Params>(async (request, { id }) => {
  const principal = await authorize(request, "editor");
  const body = await readJsonBody(request, savePipelineBody);
  const pipeline = await savePipelineVersion(id, body);
  await recordAudit({ actor: principal, action: "pipeline.save", target: id, detail: { version: pipeline.version } });
  return respond(pipelineResponse, { pipeline });
});

export const PATCH = handleRoute<Params>(async (request, { id }) => {
  const principal = await authorize(request, "editor");
  const body = await readJsonBody(request, updatePipelineBody);
  const pipeline = await updatePipeline(id, body);
  await recordAudit({ actor: principal, action: "pipeline.update", target: id, detail: { changed: Object.keys(body) } });
  return respond(pipelineResponse, { pipeline });
});

export const DELETE = handleRoute<Params>(async (request, { id }) => {
  const principal = await authorize(request, "editor");
  await deletePipeline(id);
  await recordAudit({ actor: principal, action: "pipeline.delete", target: id });
  return new Response(null, { status: 204 });
});
