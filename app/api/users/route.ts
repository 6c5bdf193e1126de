// GET  /api/users – every account (admin)
// POST /api/users – create an account with a role and an initial password (admin)
import { createUserBody, userListResponse, userResponse } from "@/lib/schemas/users";
import { handleRoute, respond } from "@/lib/server/api/handle-route";
import { readJsonBody } from "@/lib/server/api/read-json-body";
import { recordAudit } from "@/lib/server/audit/record-audit";
import { authorize } from "@/lib/server/auth/authorize";
import { createUser } from "@/lib/server/users/create-user";
import { listUsers } from "@/lib/server/users/list-users";

export const dynamic = "force-dynamic";

export const GET = handleRoute(async (request) => {
  await authorize(request, "admin");
  return respond(userListResponse, { users: await listUsers() });
});

export const POST = handleRoute(async (request) => {
  const principal = await authorize(request, "admin");
  const body = await readJsonBody(request, createUserBody);
  const user = await createUser(body);
  await recordAudit({ actor: principal, action: "user.create", target: user.id, detail: { email: user.email, role: user.role } });
  return respond(userResponse, { user }, 201);
});
