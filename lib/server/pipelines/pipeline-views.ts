import "server-only";
import { validatePipeline, type PipelineDocument } from "@/engine/graph";
import type { PipelineDetail, PipelineSummary } from "@/lib/schemas/pipelines";

export type { PipelineDetail, PipelineSummary };

type PipelineRow = { id: string; name: string; description: string; createdAt: Date; updatedAt: Date; latestVersion: number };

/** Shapes stored rows into the API's pipeline summary. */
export function toSummary(row: PipelineRow, graphText: string | undefined): PipelineSummary {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    version: row.latestVersion,
    nodeCount: graphText ? countNodes(graphText) : 0,
  };
}

/** Shapes stored rows into the API's pipeline detail, re-validating the stored graph. */
export function toDetail(row: PipelineRow, graphText: string): PipelineDetail {
  const graph = JSON.parse(graphText) as PipelineDocument;
  return { ...toSummary(row, graphText), graph, problems: validatePipeline(graph).problems };
}

function countNodes(graphText: string): number {
  const graph = JSON.parse(graphText) as { nodes?: unknown[] };
  return Array.isArray(graph.nodes) ? graph.nodes.length : 0;
}
