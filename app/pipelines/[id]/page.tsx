import type { Metadata } from "next";
import { PipelineEditorScreen } from "@/components/editor/PipelineEditorScreen";

export const metadata: Metadata = { title: "Pipeline editor" };

/** `/pipelines/:id`: the editor. The pipeline is loaded in the browser, where all editing happens. */
export default async function PipelineEditorPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <PipelineEditorScreen id={id} />;
}
