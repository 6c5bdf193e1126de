// GET /api/pipelines/:id/versions – every saved version, newest first
import { versionListResponse } from "@/lib/schemas/pipelines";
import { handleRoute, respond } from "@/lib/server/api/handle-route";
import { authorize } from "@/lib/server/auth/authorize";
import { listVersions } from "@/lib/server/pipelines/list-versions";

export const dynamic = "force-dynamic";

export const GET = handleRoute<{ id: string }>(async (request, { id }) => {
  await authorize(request, "viewer");
  return respond(versionListResponse, { versions: await listVersions(id) });
});
