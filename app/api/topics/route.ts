// GET  /api/topics?q=&view=&connection= – the cluster's topics (anyone signed in); view=names: names and partition counts only
// POST /api/topics?connection= – create a topic with its partitions and retention (editor)
import { createTopicBody, createTopicResponse, topicListQuery, topicListResponse, topicNamesResponse } from "@/lib/schemas/topics";
import { handleRoute, respond } from "@/lib/server/api/handle-route";
import { readJsonBody } from "@/lib/server/api/read-json-body";
import { recordAudit } from "@/lib/server/audit/record-audit";
import { authorize } from "@/lib/server/auth/authorize";
import { createTopic } from "@/lib/server/topics/create-topic";
import { listTopicNames } from "@/lib/server/topics/list-topic-names";
import { listTopics } from "@/lib/server/topics/list-topics";
import { connectionOnlyQuery, readTopicQuery } from "@/lib/server/topics/read-topic-query";

export const dynamic = "force-dynamic";

export const GET = handleRoute(async (request) => {
  await authorize(request, "viewer");
  const query = readTopicQuery(request, topicListQuery);
  if (query.view === "names") return respond(topicNamesResponse, await listTopicNames(query.connection));
  return respond(topicListResponse, await listTopics(query.connection, query.q));
});

export const POST = handleRoute(async (request) => {
  const principal = await authorize(request, "editor");
  const { connection } = readTopicQuery(request, connectionOnlyQuery);
  const body = await readJsonBody(request, createTopicBody);
  const topic = await createTopic(connection, body);
  await recordAudit({ actor: principal, action: "topic.create", target: topic.name, detail: { connection: connection ?? null, partitions: body.partitions, retentionMs: body.retentionMs ?? null } });
  return respond(createTopicResponse, { topic }, 201);
});
