import {
  checkpointsResponse,
  deadLettersResponse,
  deployResponse,
  deploymentLogResponse,
  deploymentResponse,
  deploymentStatusResponse,
  resetOffsetsResponse,
  type CheckpointsResponse,
  type DeployPlanView,
  type DeploymentLogResponse,
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

export type { CheckpointsResponse, DeadLettersResponse, DeadLetterView, DeploymentStatusResponse, DeploymentView, DeployPlanView };
export type DeployInput = DeployPipelineBody;

/** The pipeline's current deployment (null when never deployed) and its latest saved version. */
export async function getDeploymentStatus(pipelineId: string, signal?: AbortSignal): Promise<DeploymentStatusResponse> {
  return request("GET", `${pipelinePath(pipelineId)}/status`, { signal, schema: deploymentStatusResponse });
}

/** Deploys a saved version (the latest unless `input.version`); a graph with problems is refused with a 422 carrying them. */
export async function deployPipeline(pipelineId: string, input: Omit<DeployInput, "dryRun"> = {}): Promise<DeploymentView> {
  const { deployment } = await request("POST", `${pipelinePath(pipelineId)}/deploy`, { json: input, schema: deployResponse });
  if (!deployment) throw new Error("The deploy answered without a deployment");
  return deployment;
}

/** The deploy plan of a deploy with these options (which state is kept, reset or new; where sources resume), without deploying. */
export async function planDeploy(pipelineId: string, input: Omit<DeployInput, "dryRun"> = {}): Promise<DeployPlanView> {
  return (await request("POST", `${pipelinePath(pipelineId)}/deploy`, { json: { ...input, dryRun: true }, schema: deployResponse })).plan;
}

/** The pipeline's deployment events, oldest first. */
export async function listDeploymentLog(pipelineId: string, signal?: AbortSignal): Promise<DeploymentLogResponse["events"]> {
  return (await request("GET", `${pipelinePath(pipelineId)}/deployments`, { signal, schema: deploymentLogResponse })).events;
}

/** Moves a stopped pipeline's committed offsets to a start position (replay on the next deploy). */
export async function resetOffsets(pipelineId: string, startAt: NonNullable<DeployInput["startAt"]>) {
  return request("POST", `${pipelinePath(pipelineId)}/offsets`, { json: { startAt }, schema: resetOffsetsResponse });
}

/** Stops the pipeline's deployment, keeping its offsets and state. */
export async function stopPipeline(pipelineId: string): Promise<DeploymentView> {
  return (await request("POST", `${pipelinePath(pipelineId)}/stop`, { schema: deploymentResponse })).deployment;
}

/** The latest failed records of the pipeline's dead-letter topic, newest first. */
export async function listDeadLetters(pipelineId: string, signal?: AbortSignal): Promise<DeadLettersResponse> {
  return request("GET", `${pipelinePath(pipelineId)}/dead-letters`, { signal, schema: deadLettersResponse });
}

/** Restarts the running Flink deployment at a new parallelism (stop with savepoint, resume from it). */
export async function rescalePipeline(pipelineId: string, parallelism: number): Promise<DeploymentView> {
  const { deployment } = await request("POST", `${pipelinePath(pipelineId)}/rescale`, { json: { parallelism }, schema: deployResponse });
  if (!deployment) throw new Error("The rescale answered without a deployment");
  return deployment;
}

/** The current Flink job's checkpoints and the pipeline's savepoints. */
export function getCheckpoints(pipelineId: string, signal?: AbortSignal): Promise<CheckpointsResponse> {
  return request("GET", `${pipelinePath(pipelineId)}/checkpoints`, { signal, schema: checkpointsResponse });
}
