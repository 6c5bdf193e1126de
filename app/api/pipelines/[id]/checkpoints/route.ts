// GET /api/pipelines/:id/checkpoints – the Flink job's checkpoints and the pipeline's savepoints
import { checkpointsResponse } from "@/lib/schemas/deployments";
import { handleRoute, respond } from "@/lib/server/api/handle-route";
import { authorize } from "@/lib/server/auth/authorize";
import { getFlinkCheckpoints } from "@/lib/server/deployments/get-flink-checkpoints";

export const dynamic = "force-dynamic";

export const GET = handleRoute<{ id: string }>(async (request, { id }) => {
  await authorize(request, "viewer");
  return respond(checkpointsResponse, await getFlinkCheckpoints(id));
});
