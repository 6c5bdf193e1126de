// GET /api/pipelines/:id/export – the pipeline as a file (name, description, graph) to import elsewhere
import { pipelineFile } from "@/lib/schemas/versions";
import { handleRoute } from "@/lib/server/api/handle-route";
import { authorize } from "@/lib/server/auth/authorize";
import { exportPipeline } from "@/lib/server/pipelines/export-pipeline";

export const dynamic = "force-dynamic";

export const GET = handleRoute<{ id: string }>(async (request, { id }) => {
  await authorize(request, "viewer");
  const file = pipelineFile.parse(await exportPipeline(id));
  const slug = file.name.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "") || "pipeline";
  return new Response(`${JSON.stringify(file, null, 2)}\n`, {
    headers: { "content-type": "application/json; charset=utf-8", "content-disposition": `attachment; filename="${slug}.json"` },
  });
});
