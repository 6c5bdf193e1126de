// GET /api/topics/:name?connection= – one topic with its partitions, offsets and configuration (anyone signed in)
import { topicDetailResponse } from "@/lib/schemas/topics";
import { handleRoute, respond } from "@/lib/server/api/handle-route";
import { authorize } from "@/lib/server/auth/authorize";
import { getTopic } from "@/lib/server/topics/get-topic";
import { connectionOnlyQuery, readTopicName, readTopicQuery } from "@/lib/server/topics/read-topic-query";

export const dynamic = "force-dynamic";

export const GET = handleRoute<{ name: string }>(async (request, { name }) => {
  await authorize(request, "viewer");
  const { connection } = readTopicQuery(request, connectionOnlyQuery);
  return respond(topicDetailResponse, { topic: await getTopic(connection, readTopicName(name)) });
});
