// GET    /api/pipelines/:id – the pipeline with its latest graph
// PUT    /api/pipelines/:id – save a new version of the graph
// PATCH  /api/pipelines/:id – rename or describe, without a new version
// DELETE /api/pipelines/:id – delete the pipeline and its versions
import { savePipelineBody, updatePipelineBody } from "@/lib/schemas/pipelines";
import { handleRoute, json } from "@/lib/server/api/handle-route";
import { readJsonBody } from "@/lib/server/api/read-json-body";
import { deletePipeline } from "@/lib/server/pipelines/delete-pipeline";
import { getPipeline } from "@/lib/server/pipelines/get-pipeline";
import { savePipelineVersion } from "@/lib/server/pipelines/save-pipeline-version";
import { updatePipeline } from "@/lib/server/pipelines/update-pipeline";

type Params = { id: string };

export const dynamic = "force-dynamic";

export const GET = handleRoute<Params>(async (_request, { id }) => json({ pipeline: await getPipeline(id) }));

export const PUT = handleRoute<Params>(async (request, { id }) => {
  const body = await readJsonBody(request, savePipelineBody);
  return json({ pipeline: await savePipelineVersion(id, body) });
});

export const PATCH = handleRoute<Params>(async (request, { id }) => {
  const body = await readJsonBody(request, updatePipelineBody);
  return json({ pipeline: await updatePipeline(id, body) });
});

export const DELETE = handleRoute<Params>(async (_request, { id }) => {
  await deletePipeline(id);
  return new Response(null, { status: 204 });
});
