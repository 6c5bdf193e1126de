// POST /api/pipelines/:id/preview – run a draft on the latest source records; read-only
import { previewPipelineBody, previewResponse } from "@/lib/schemas/pipelines";
import { handleRoute, respond } from "@/lib/server/api/handle-route";
import { authorize } from "@/lib/server/auth/authorize";
import { readOptionalJsonBody } from "@/lib/server/api/read-json-body";
import { runPreview } from "@/lib/server/preview/run-preview";

export const dynamic = "force-dynamic";

export const POST = handleRoute<{ id: string }>(async (request, { id }) => {
  // Read-only, but it runs the draft's expressions on the server and reads Kafka: editors only.
  await authorize(request, "editor");
  const body = await readOptionalJsonBody(request, previewPipelineBody);
  return respond(previewResponse, { preview: await runPreview(id, body) });
});
