import { dashboardResponse, type DashboardLive, type DashboardRow } from "@/lib/schemas/dashboard";
import { request } from "../api-client";

export type { DashboardLive, DashboardRow };

/** Every pipeline with its deployment and live numbers, most recently updated first. */
export async function getDashboard(signal?: AbortSignal): Promise<DashboardRow[]> {
  return (await request("GET", "/api/dashboard", { signal, schema: dashboardResponse })).pipelines;
}
