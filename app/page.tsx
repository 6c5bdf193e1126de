import type { Metadata } from "next";
import { PipelinesScreen } from "@/components/pipelines/PipelinesScreen";

export const metadata: Metadata = { title: "Pipelines" };

/** `/`: the dashboard of pipelines. It polls the API from the browser, so its numbers are always current. */
export default function PipelinesPage() {
  return <PipelinesScreen />;
}
