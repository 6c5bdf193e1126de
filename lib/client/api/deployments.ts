import {
  deadLettersResponse,
  deploymentResponse,
  deploymentStatusResponse,
  type DeadLettersResponse,
  type DeadLetterView,
  type DeployPipelineBody,
  type DeploymentStatusResponse,
  type DeploymentView,
} from "@/lib/schemas/deployments";
import { request } from "../api-client";
import { pipelinePath } from "./pipelines";

/**
 * The deployments API from the browser. Deploy and stop are meant to be called through
 * `useDeploymentStatus` / `useDeploymentActions`, so every screen showing the pipeline
 * sees the action pending and the new status.
 */

export type { DeadLettersResponse, DeadLetterView, DeploymentStatusResponse, DeploymentView };
export type DeployInput = DeployPipelineBody;

/** The pipeline's current deployment (null when never deployed) and its latest saved version. */
export async function getDeploymentStatus(pipelineId: string, signal?: AbortSignal): Promise<DeploymentStatusResponse> {
  return request("GET", `${pipelinePath(pipelineId)}/status`, { signal, schema: deploymentStatusResponse });
}

/** Deploys the latest saved version; a graph with problems is refused with a 422 carrying them. */
export async function deployPipeline(pipelineId: string, input: DeployInput = {}): Promise<DeploymentView> {
  return (await request("POST", `${pipelinePath(pipelineId)}/deploy`, { json: input, schema: deploymentResponse })).deployment;
}

/** Stops the pipeline's deployment, keeping its offsets and state. */
export async function stopPipeline(pipelineId: string): Promise<DeploymentView> {
  return (await request("POST", `${pipelinePath(pipelineId)}/stop`, { schema: deploymentResponse })).deployment;
}

/** The latest failed records of the pipeline's dead-letter topic, newest first. */
export async function listDeadLetters(pipelineId: string, signal?: AbortSignal): Promise<DeadLettersResponse> {
  return request("GET", `${pipelinePath(pipelineId)}/dead-letters`, { signal, schema: deadLettersResponse });
}
