// GET /api/pipelines/:id/dead-letters – the latest failed records with their error and origin
import { handleRoute, json } from "@/lib/server/api/handle-route";
import { listDeadLetters } from "@/lib/server/deployments/list-dead-letters";

export const dynamic = "force-dynamic";

export const GET = handleRoute<{ id: string }>(async (_request, { id }) => json(await listDeadLetters(id)));
