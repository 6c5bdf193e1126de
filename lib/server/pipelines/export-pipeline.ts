import "server-only";
import { pipelineFileKind, type PipelineFileView } from "@/lib/schemas/versions";
import { getPipeline } from "./get-pipeline";

/** An exported pipeline: what `import` and the CLI's `apply` read back. */
export type PipelineFile = PipelineFileView;

/** The pipeline's latest version as a file: its name, description and graph document. */
export async function exportPipeline(id: string): Promise<PipelineFile> {
  const pipeline = await getPipeline(id);
  return { kind: pipelineFileKind, name: pipeline.name, description: pipeline.description, graph: pipeline.graph };
}
