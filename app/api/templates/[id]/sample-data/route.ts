// POST /api/templates/:id/sample-data – create a template's input topics (if missing) and produce its sample records (editor)
import { sampleDataBody, sampleDataResponse } from "@/lib/schemas/templates";
import { handleRoute, respond } from "@/lib/server/api/handle-route";
import { readOptionalJsonBody } from "@/lib/server/api/read-json-body";
import { recordAudit } from "@/lib/server/audit/record-audit";
import { authorize } from "@/lib/server/auth/authorize";
import { loadSampleData } from "@/lib/server/templates/load-sample-data";

export const dynamic = "force-dynamic";

export const POST = handleRoute<{ id: string }>(async (request, { id }) => {
  const principal = await authorize(request, "editor");
  const body = await readOptionalJsonBody(request, sampleDataBody);
  const result = await loadSampleData(id, body);
  await recordAudit({ actor: principal, action: "topic.produce", target: result.topics.map((t) => t.topic).join(", "), detail: { template: id, kind: "sample-data", records: result.topics.reduce((sum, t) => sum + t.records, 0) } });
  return respond(sampleDataResponse, result, 201);
});
