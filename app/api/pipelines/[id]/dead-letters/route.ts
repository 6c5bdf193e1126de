// GET /api/pipelines/:id/dead-letters – the latest failed records with their error and origin
import { deadLettersResponse } from "@/lib/schemas/deployments";
import { handleRoute, respond } from "@/lib/server/api/handle-route";
import { authorize } from "@/lib/server/auth/authorize";
import { listDeadLetters } from "@/lib/server/deployments/list-dead-letters";

export const dynamic = "force-dynamic";

export const GET = handleRoute<{ id: string }>(async (request, { id }) => {
  await authorize(request, "viewer");
  return respond(deadLettersResponse, await listDeadLetters(id));
});
