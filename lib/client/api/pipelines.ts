import type { PipelineDocument } from "@/engine/graph";
import {
  pipelineListResponse,
  pipelineResponse,
  previewResponse,
  versionListResponse,
  versionResponse,
  type CreatePipelineBody,
  type PipelineDetail,
  type PipelineSummary,
  type PreviewPipelineBody,
  type PreviewResult,
  type SavePipelineBody,
  type UpdatePipelineBody,
  type VersionDetail,
  type VersionSummary,
} from "@/lib/schemas/pipelines";
import { request } from "../api-client";

/** The pipelines API from the browser: pipelines, their versions and previews. */

export type { PipelineDetail, PipelineSummary, PreviewResult, VersionDetail, VersionSummary };

/** What the browser sends: the request bodies with the graph typed as a document. */
export type CreatePipelineInput = Omit<CreatePipelineBody, "graph"> & { graph: PipelineDocument };
export type SavePipelineInput = Omit<SavePipelineBody, "graph"> & { graph: PipelineDocument };
export type RenamePipelineInput = UpdatePipelineBody;

/** The path of one pipeline; the other pipeline resources (deployments, live) hang below it. */
export function pipelinePath(id: string): string {
  return `/api/pipelines/${encodeURIComponent(id)}`;
}

/** Every pipeline, most recently changed first. */
export async function listPipelines(signal?: AbortSignal): Promise<PipelineSummary[]> {
  return (await request("GET", "/api/pipelines", { signal, schema: pipelineListResponse })).pipelines;
}

/** Creates a pipeline with its first version. */
export async function createPipeline(input: CreatePipelineInput): Promise<PipelineDetail> {
  return (await request("POST", "/api/pipelines", { json: input, schema: pipelineResponse })).pipeline;
}

/** Reads a pipeline with its latest graph. */
export async function getPipeline(id: string, signal?: AbortSignal): Promise<PipelineDetail> {
  return (await request("GET", pipelinePath(id), { signal, schema: pipelineResponse })).pipeline;
}

/** Saves a new immutable version of a pipeline's graph. */
export async function savePipeline(id: string, input: SavePipelineInput): Promise<PipelineDetail> {
  return (await request("PUT", pipelinePath(id), { json: input, schema: pipelineResponse })).pipeline;
}

/** Renames a pipeline or changes its description without creating a version. */
export async function renamePipeline(id: string, input: RenamePipelineInput): Promise<PipelineDetail> {
  return (await request("PATCH", pipelinePath(id), { json: input, schema: pipelineResponse })).pipeline;
}

/** Deletes a pipeline and all its versions. */
export async function deletePipeline(id: string): Promise<void> {
  await request("DELETE", pipelinePath(id));
}

/** Every saved version of a pipeline, newest first. */
export async function listVersions(id: string, signal?: AbortSignal): Promise<VersionSummary[]> {
  return (await request("GET", `${pipelinePath(id)}/versions`, { signal, schema: versionListResponse })).versions;
}

/** One saved version with its graph. */
export async function getVersion(id: string, version: number, signal?: AbortSignal): Promise<VersionDetail> {
  return (await request("GET", `${pipelinePath(id)}/versions/${version}`, { signal, schema: versionResponse })).version;
}

/**
 * Runs `graph` (a draft, saved or not) on the latest records of its source topics without
 * deploying it. A graph with problems is refused with a 422 carrying them.
 */
export async function previewPipeline(id: string, graph: PipelineDocument, signal?: AbortSignal, options: Omit<PreviewPipelineBody, "graph"> = {}): Promise<PreviewResult> {
  return (await request("POST", `${pipelinePath(id)}/preview`, { json: { ...options, graph }, signal, schema: previewResponse })).preview;
}
