// GET    /api/connections/:id – one connection, without its secret
// PUT    /api/connections/:id – change it; an omitted password keeps the stored one (admin)
// DELETE /api/connections/:id – delete it with its encrypted secret (admin)
import { connectionResponse, updateConnectionBody } from "@/lib/schemas/connections";
import { handleRoute, respond } from "@/lib/server/api/handle-route";
import { readJsonBody } from "@/lib/server/api/read-json-body";
import { recordAudit } from "@/lib/server/audit/record-audit";
import { authorize } from "@/lib/server/auth/authorize";
import { deleteConnection } from "@/lib/server/connections/delete-connection";
import { getConnection } from "@/lib/server/connections/list-connections";
import { updateConnection } from "@/lib/server/connections/update-connection";

type Params = { id: string };

export const dynamic = "force-dynamic";

export const GET = handleRoute<Params>(async (request, { id }) => {
  await authorize(request, "viewer");
  return respond(connectionResponse, { connection: await getConnection(id) });
});

export const PUT = handleRoute<Params>(async (request, { id }) => {
  const principal = await authorize(request, "admin");
  const body = await readJsonBody(request, updateConnectionBody);
  const connection = await updateConnection(id, body);
  const changed = Object.keys(body).filter((key) => body[key as keyof typeof body] !== undefined);
  await recordAudit({ actor: principal, action: "connection.update", target: id, detail: { name: connection.name, changed } });
  return respond(connectionResponse, { connection });
});

export const DELETE = handleRoute<Params>(async (request, { id }) => {
  const principal = await authorize(request, "admin");
  const { name } = await deleteConnection(id);
  await recordAudit({ actor: principal, action: "connection.delete", target: id, detail: { name } });
  return new Response(null, { status: 204 });
});
