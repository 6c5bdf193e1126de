// GET /api/pipelines/:id/versions – every saved version, newest first
import { handleRoute, json } from "@/lib/server/api/handle-route";
import { authorize } from "@/lib/server/auth/authorize";
import { listVersions } from "@/lib/server/pipelines/list-versions";

export const dynamic = "force-dynamic";

export const GET = handleRoute<{ id: string }>(async (request, { id }) => {
  await authorize(request, "viewer");
  return json({ versions: await listVersions(id) });
});
