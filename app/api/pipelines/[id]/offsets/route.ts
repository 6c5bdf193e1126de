// POST /api/pipelines/:id/offsets – move a stopped pipeline's committed offsets (replay on the next deploy)
import { resetOffsetsResponse } from "@/lib/schemas/deployments";
import { resetOffsetsBody } from "@/lib/schemas/versions";
import { handleRoute, respond } from "@/lib/server/api/handle-route";
import { readJsonBody } from "@/lib/server/api/read-json-body";
import { authorize } from "@/lib/server/auth/authorize";
import { recordAudit } from "@/lib/server/audit/record-audit";
import { resetOffsets } from "@/lib/server/deployments/reset-offsets";

export const dynamic = "force-dynamic";

export const POST = handleRoute<{ id: string }>(async (request, { id }) => {
  const principal = await authorize(request, "editor");
  const body = await readJsonBody(request, resetOffsetsBody);
  const result = await resetOffsets(id, body);
  await recordAudit({ actor: principal, action: "pipeline.reset_offsets", target: id, detail: { from: body.startAt.from, partitions: result.offsets.length } });
  return respond(resetOffsetsResponse, result);
});
