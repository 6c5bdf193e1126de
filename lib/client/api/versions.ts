import { pipelineResponse, type PipelineDetail } from "@/lib/schemas/pipelines";
import { importResponse, pipelineFile, type ImportPipelineBody, type ImportResponse, type PipelineFileView } from "@/lib/schemas/versions";
import { request } from "../api-client";
import { pipelinePath } from "./pipelines";

/** Restore, export and import from the browser (the version list and one version are in pipelines.ts). */

export type { ImportResponse, PipelineFileView };

/** Saves an old version's graph as the newest version ("Restored from version N"). */
export async function restorePipelineVersion(pipelineId: string, version: number, message?: string): Promise<PipelineDetail> {
  return (await request("POST", `${pipelinePath(pipelineId)}/versions/${version}/restore`, { json: message ? { message } : {}, schema: pipelineResponse })).pipeline;
}

/** The pipeline as a file (name, description, graph), to download. */
export async function exportPipelineFile(pipelineId: string, signal?: AbortSignal): Promise<PipelineFileView> {
  return request("GET", `${pipelinePath(pipelineId)}/export`, { signal, schema: pipelineFile });
}

/** Creates or updates the pipeline named in a file; with `dryRun` only says what would change. */
export async function importPipelineFile(file: Omit<ImportPipelineBody, "graph"> & { graph: unknown }): Promise<ImportResponse> {
  return request("POST", "/api/pipelines/import", { json: file, schema: importResponse });
}
