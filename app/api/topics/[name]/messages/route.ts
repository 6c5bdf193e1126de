// GET  /api/topics/:name/messages?limit=&format=&connection= – the latest records (anyone signed in; audited: it reads contents)
// POST /api/topics/:name/messages?connection= – produce one test message (editor)
import { produceBody, produceResponse, tailQuery, tailResponse } from "@/lib/schemas/topics";
import { handleRoute, respond } from "@/lib/server/api/handle-route";
import { readJsonBody } from "@/lib/server/api/read-json-body";
import { recordAudit } from "@/lib/server/audit/record-audit";
import { authorize } from "@/lib/server/auth/authorize";
import { produceMessage } from "@/lib/server/topics/produce-message";
import { connectionOnlyQuery, readTopicName, readTopicQuery } from "@/lib/server/topics/read-topic-query";
import { tailTopic } from "@/lib/server/topics/tail-topic";

export const dynamic = "force-dynamic";

export const GET = handleRoute<{ name: string }>(async (request, { name }) => {
  const principal = await authorize(request, "viewer");
  const query = readTopicQuery(request, tailQuery);
  const topic = readTopicName(name);
  const messages = await tailTopic(query.connection, topic, query.limit, query.format);
  await recordAudit({ actor: principal, action: "topic.read", target: topic, detail: { connection: query.connection ?? null, kind: "tail", records: messages.length } });
  return respond(tailResponse, { messages });
});

export const POST = handleRoute<{ name: string }>(async (request, { name }) => {
  const principal = await authorize(request, "editor");
  const { connection } = readTopicQuery(request, connectionOnlyQuery);
  const topic = readTopicName(name);
  const body = await readJsonBody(request, produceBody);
  const written = await produceMessage(connection, topic, body);
  await recordAudit({ actor: principal, action: "topic.produce", target: topic, detail: { connection: connection ?? null, ...written } });
  return respond(produceResponse, written, 201);
});
