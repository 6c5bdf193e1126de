// PATCH /api/users/:id – change a user's name, role, password or disabled flag (admin)
import { updateUserBody, userResponse } from "@/lib/schemas/users";
import { handleRoute, respond } from "@/lib/server/api/handle-route";
import { readJsonBody } from "@/lib/server/api/read-json-body";
import { recordAudit } from "@/lib/server/audit/record-audit";
import { authorize } from "@/lib/server/auth/authorize";
import { updateUser } from "@/lib/server/users/update-user";

export const dynamic = "force-dynamic";

export const PATCH = handleRoute<{ id: string }>(async (request, { id }) => {
  const principal = await authorize(request, "admin");
  const body = await readJsonBody(request, updateUserBody);
  const user = await updateUser(id, body);
  const changed = Object.keys(body).filter((key) => body[key as keyof typeof body] !== undefined);
  await recordAudit({ actor: principal, action: "user.update", target: id, detail: { changed, role: body.role, disabled: body.disabled } });
  return respond(userResponse, { user });
});
