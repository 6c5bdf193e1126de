// GET /api/pipelines/:id/versions/:n – one saved version with its graph
import { versionResponse } from "@/lib/schemas/pipelines";
import { handleRoute, respond } from "@/lib/server/api/handle-route";
import { authorize } from "@/lib/server/auth/authorize";
import { getVersion } from "@/lib/server/pipelines/get-version";

export const dynamic = "force-dynamic";

export const GET = handleRoute<{ id: string; version: string }>(async (request, { id, version }) => {
  await authorize(request, "viewer");
  return respond(versionResponse, { version: await getVersion(id, version) });
});
