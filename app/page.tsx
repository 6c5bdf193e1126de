import type { Metadata } from "next";
import { PipelinesScreen } from "@/components/pipelines/PipelinesScreen";

export const metadata: Metadata = { title: "Pipelines" };

/** `/`: the pipelines list. It fetches on the client so it always shows the API's current data. */
export default function PipelinesPage() {
  return <PipelinesScreen />;
}
