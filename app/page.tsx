import type { Metadata } from "next";
import { PipelinesScreen } from "@/components/pipelines/PipelinesScreen";
import { requirePageUser } from "@/lib/server/auth/page-session";

export const metadata: Metadata = { title: "Pipelines" };

/** `/`: the dashboard of pipelines. It polls the API from the browser, so its numbers are always current. */
export default async function PipelinesPage() {
  await requirePageUser("/");
  return <PipelinesScreen />;
}
