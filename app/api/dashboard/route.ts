// GET /api/dashboard – every pipeline with its deployment status and live throughput, errors and lag
import { dashboardResponse } from "@/lib/schemas/dashboard";
import { handleRoute, respond } from "@/lib/server/api/handle-route";
import { authorize } from "@/lib/server/auth/authorize";
import { getDashboard } from "@/lib/server/pipelines/get-dashboard";

export const dynamic = "force-dynamic";

export const GET = handleRoute(async (request) => {
  await authorize(request, "viewer");
  return respond(dashboardResponse, { pipelines: await getDashboard() });
});
