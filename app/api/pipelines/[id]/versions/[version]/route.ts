// GET /api/pipelines/:id/versions/:n – one saved version with its graph
import { handleRoute, json } from "@/lib/server/api/handle-route";
import { getVersion } from "@/lib/server/pipelines/get-version";

export const dynamic = "force-dynamic";

export const GET = handleRoute<{ id: string; version: string }>(async (_request, { id, version }) =>
  json({ version: await getVersion(id, version) }),
);
