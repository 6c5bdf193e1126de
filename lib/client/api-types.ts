import type { PipelineDocument, PipelineProblem } from "@/engine/graph";
import type { DashboardLive, DashboardRow } from "@/lib/server/pipelines/get-dashboard";
import type { PreviewResult } from "@/lib/server/preview/run-preview";

/** Shapes the server defines and the browser reads; imported as types only, so no server code ships. */
export type { DashboardLive, DashboardRow, PreviewResult };

/** A row of `GET /api/pipelines`. */
export type PipelineSummary = {
  id: string;
  name: string;
  description: string;
  createdAt: string;
  updatedAt: string;
  /** The latest version number. */
  version: number;
  nodeCount: number;
};

/** A pipeline with its latest saved graph, as returned by the single-pipeline endpoints. */
export type PipelineDetail = {
  id: string;
  name: string;
  description: string;
  createdAt: string;
  updatedAt: string;
  version: number;
  graph: PipelineDocument;
  /** What was wrong with the latest version when it was saved; empty when it is deployable. */
  problems: PipelineProblem[];
};

export type CreatePipelineInput = {
  name: string;
  description?: string;
  graph: PipelineDocument;
  message?: string;
  draft?: boolean;
};

export type SavePipelineInput = {
  graph: PipelineDocument;
  message?: string;
  draft?: boolean;
  name?: string;
  description?: string;
  /** The version the edit started from; the server refuses the save (409) if someone saved since. */
  baseVersion?: number;
};

export type RenamePipelineInput = { name?: string; description?: string };

/** The body of every API error response. */
export type ApiErrorBody = { error: { code: string; message: string; details?: unknown } };

/** What `POST /api/pipelines/:id/deploy` accepts; every field is optional. */
export type DeployInput = { guarantee?: "exactly-once" | "at-least-once"; reset?: boolean };
