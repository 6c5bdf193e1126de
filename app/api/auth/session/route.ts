// GET /api/auth/session – who is signed in (or which token is used), with the effective role
import { sessionResponse } from "@/lib/schemas/auth";
import { handleRoute, respond } from "@/lib/server/api/handle-route";
import { authorize } from "@/lib/server/auth/authorize";

export const dynamic = "force-dynamic";

export const GET = handleRoute(async (request) => {
  const { userId, email, name, role, via } = await authorize(request, "viewer");
  return respond(sessionResponse, { user: { id: userId, email, name, role }, via });
});
