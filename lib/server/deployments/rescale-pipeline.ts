import "server-only";
import type { RescalePipelineBody } from "@/lib/schemas/deployments";
import { ApiError, notFound } from "../api/api-error";
import { getDb } from "../db/prisma";
import { deployPipeline, type DeployResult } from "./deploy-pipeline";

/**
 * Rescales the pipeline's running Flink deployment: a deploy of the same
 * version at the new parallelism. The engine stops the running job with a
 * savepoint first and starts the new one from it (same generation, same max
 * parallelism), so state and offsets carry over and exactly-once sinks commit
 * nothing twice. 409 when the pipeline does not run on Flink.
 */
export async function rescalePipeline(pipelineId: string, body: RescalePipelineBody): Promise<DeployResult> {
  const db = await getDb();
  const latest = await db.deployment.findFirst({ where: { pipelineId }, orderBy: { createdAt: "desc" } });
  if (!latest) {
    if (!(await db.pipeline.findUnique({ where: { id: pipelineId } }))) throw notFound(`Pipeline '${pipelineId}'`);
    throw new ApiError(409, "conflict", "The pipeline is not deployed; deploy it on Flink with a parallelism instead");
  }
  if (latest.runtime !== "flink" || latest.desiredState !== "running") {
    throw new ApiError(409, "conflict", `Only a running Flink deployment can be rescaled; this pipeline's latest deployment is ${latest.desiredState === "running" ? `on the ${latest.runtime} runtime` : "stopped"}`);
  }
  if (latest.parallelism === body.parallelism) throw new ApiError(409, "conflict", `The deployment already runs at parallelism ${body.parallelism}`);
  return deployPipeline(pipelineId, { runtime: "flink", version: latest.version, guarantee: latest.guarantee as "exactly-once" | "at-least-once", deadLetterTopic: latest.deadLetterTopic, parallelism: body.parallelism });
}
