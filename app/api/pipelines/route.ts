// GET  /api/pipelines – list pipelines
// POST /api/pipelines – create a pipeline with its first version
import { createPipelineBody } from "@/lib/schemas/pipelines";
import { handleRoute, json } from "@/lib/server/api/handle-route";
import { readJsonBody } from "@/lib/server/api/read-json-body";
import { createPipeline } from "@/lib/server/pipelines/create-pipeline";
import { listPipelines } from "@/lib/server/pipelines/list-pipelines";

export const dynamic = "force-dynamic";

export const GET = handleRoute(async () => json({ pipelines: await listPipelines() }));

export const POST = handleRoute(async (request) => {
  const body = await readJsonBody(request, createPipelineBody);
  return json({ pipeline: await createPipeline(body) }, 201);
});
