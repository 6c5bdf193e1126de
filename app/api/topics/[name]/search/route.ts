// POST /api/topics/:name/search?connection= – scan records with an expression filter; answers NDJSON (progress, matches, end with a cursor) (anyone signed in; audited)
import { searchBody } from "@/lib/schemas/topics";
import { handleRoute } from "@/lib/server/api/handle-route";
import { readJsonBody } from "@/lib/server/api/read-json-body";
import { recordAudit } from "@/lib/server/audit/record-audit";
import { authorize } from "@/lib/server/auth/authorize";
import { ndjsonResponse } from "@/lib/server/topics/ndjson-response";
import { connectionOnlyQuery, readTopicName, readTopicQuery } from "@/lib/server/topics/read-topic-query";
import { searchTopic } from "@/lib/server/topics/search-topic";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export const POST = handleRoute<{ name: string }>(async (request, { name }) => {
  const principal = await authorize(request, "viewer");
  const { connection } = readTopicQuery(request, connectionOnlyQuery);
  const topic = readTopicName(name);
  const body = await readJsonBody(request, searchBody);
  const events = await searchTopic(connection, topic, body, request.signal);
  await recordAudit({ actor: principal, action: "topic.read", target: topic, detail: { connection: connection ?? null, kind: "search", filter: body.filter.slice(0, 500), resumed: body.cursor !== undefined } });
  return ndjsonResponse(events, request.signal);
});
