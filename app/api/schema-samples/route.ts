// POST /api/schema-samples – infer a source topic's record schema from its latest records; read-only
import { sampleSchemaBody, sampleSchemaResponse } from "@/lib/schemas/topic-schema";
import { handleRoute, respond } from "@/lib/server/api/handle-route";
import { readJsonBody } from "@/lib/server/api/read-json-body";
import { authorize } from "@/lib/server/auth/authorize";
import { sampleSourceSchema } from "@/lib/server/schema/sample-source-schema";

export const dynamic = "force-dynamic";

export const POST = handleRoute(async (request) => {
  // Read-only, but the answer carries example values from the topic: editors only, like a preview.
  await authorize(request, "editor");
  const body = await readJsonBody(request, sampleSchemaBody);
  return respond(sampleSchemaResponse, { schema: await sampleSourceSchema(body) });
});
