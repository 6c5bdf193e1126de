import type { Metadata } from "next";
import { requirePageUser } from "@/lib/server/auth/page-session";
import { PipelineEditorScreen } from "@/components/editor/PipelineEditorScreen";

export const metadata: Metadata = { title: "Pipeline editor" };

/** `/pipelines/:id`: the editor. The pipeline is loaded in the browser, where all editing happens. */
export default async function PipelineEditorPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  await requirePageUser(`/pipelines/${id}`);
  return <PipelineEditorScreen id={id} />;
}
