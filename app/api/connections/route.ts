// GET  /api/connections – the stored Kafka connections, without secrets (anyone signed in: sources and sinks pick one)
// POST /api/connections – store a connection; its password is encrypted and never returned (admin)
import { connectionListResponse, connectionResponse, createConnectionBody } from "@/lib/schemas/connections";
import { handleRoute, respond } from "@/lib/server/api/handle-route";
import { readJsonBody } from "@/lib/server/api/read-json-body";
import { recordAudit } from "@/lib/server/audit/record-audit";
import { authorize } from "@/lib/server/auth/authorize";
import { createConnection } from "@/lib/server/connections/create-connection";
import { listConnections } from "@/lib/server/connections/list-connections";

export const dynamic = "force-dynamic";

export const GET = handleRoute(async (request) => {
  await authorize(request, "viewer");
  return respond(connectionListResponse, { connections: await listConnections() });
});

export const POST = handleRoute(async (request) => {
  const principal = await authorize(request, "admin");
  const body = await readJsonBody(request, createConnectionBody);
  const connection = await createConnection(body);
  await recordAudit({ actor: principal, action: "connection.create", target: connection.id, detail: { name: connection.name, brokers: connection.brokers, sasl: connection.saslMechanism, tls: connection.tls } });
  return respond(connectionResponse, { connection }, 201);
});
