import type { Metadata } from "next";
import { requirePageUser } from "@/lib/server/auth/page-session";
import { MonitorScreen } from "@/components/monitor/MonitorScreen";

export const metadata: Metadata = { title: "Monitor" };

/** `/pipelines/:id/monitor`: a deployed pipeline's live graph, charts, records and dead letters, all fetched in the browser. */
export default async function PipelineMonitorPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  await requirePageUser(`/pipelines/${id}/monitor`);
  return <MonitorScreen id={id} />;
}
